import type { Consumer } from "../events/consumer.ts";
import type { Notification } from "./notification.ts";
import { DEFAULT_RETRY, type NotifierDeps, type RetryPolicy, startNotifier } from "./notifier.ts";
import { purchaseReceipt } from "./purchase-receipt.ts";

/** Every notification Boon sends; a new one is added here. */
export function notifications(options: { dappOrigin: string }): Notification[] {
  return [purchaseReceipt(options)];
}

/** Starts a consumer per notification; returns them to stop at shutdown. */
export function startNotifications(
  deps: NotifierDeps,
  options: { dappOrigin: string; retry?: RetryPolicy },
): Consumer[] {
  const retry = options.retry ?? DEFAULT_RETRY;
  return notifications(options).map((notification) => startNotifier(deps, notification, retry));
}
