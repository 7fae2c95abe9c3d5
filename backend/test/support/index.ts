export {
  type ApiResponse,
  api,
  cookiesFrom,
  type SignedIn,
  sessionCookieHeader,
  signIn,
  startTestApp,
  TEST_ENV,
  type TestApp,
} from "./app.ts";
export { createTestDatabase, type TestDatabase } from "./database.ts";
