export {
  type ApiResponse,
  api,
  configProblems,
  cookiesFrom,
  type SignedIn,
  sessionCookieHeader,
  signIn,
  startBeside,
  startTestApp,
  TEST_ENV,
  type TestApp,
  useStarted,
  useTestApp,
} from "./app.ts";
export { createTestDatabase, type TestDatabase, useTestDatabase } from "./database.ts";
export { emailedCode, requestEmailCode } from "./mail.ts";
