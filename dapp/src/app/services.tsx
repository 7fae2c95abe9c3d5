import { createContext, type ReactNode, useContext } from "react";
import type { Backend } from "../api/backend.ts";
import type { AppConfig } from "../config/config.ts";

export type Services = { config: AppConfig; backend: Backend };

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({ value, children }: { value: Services; children: ReactNode }) {
  return <ServicesContext value={value}>{children}</ServicesContext>;
}

/** The validated configuration and the backend client. */
export function useServices(): Services {
  const services = useContext(ServicesContext);
  if (!services) throw new Error("useServices outside ServicesProvider");
  return services;
}
