// The local SMTP's public face: start it, the key that points Boon at it, and the mail it keeps.
export { type SmtpEnv, smtpStandInEnv } from "./env.ts";
export type { MailFilter, WaitOptions } from "./inbox.ts";
export type { MailAddress, MailSummary, ReceivedMail } from "./message.ts";
export type { Refusal, RefusalStage } from "./refusals.ts";
export { type SmtpStandIn, type SmtpStandInOptions, startSmtpStandIn } from "./server.ts";
export type { SmtpCredentials } from "./smtp.ts";
