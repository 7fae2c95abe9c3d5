// Public entry point of the delivery domain (`@boon/backend/delivery`), for benchmarks and tools.
export { deliveryChainClient } from "./chain-client.ts";
export { requestDelivery } from "./delivery.service.ts";
export { createDeliveryWorker, type DeliveryWorker } from "./worker.ts";
