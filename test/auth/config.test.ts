// Sign-in configuration: SSO self-sign-up domains and the proxy header parse strictly; a bad value stops start-up naming it.
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/core/config.ts";

const SSO = { AUTH_MODE: "sso", SSO_ISSUER: "https://idp.example.com", SSO_CLIENT_ID: "gatehouse" };

describe("sign-in configuration", () => {
  it("reads SSO_SIGNUP_DOMAINS as domain=role pairs, lowercased", () => {
    const config = loadConfig({ ...SSO, SSO_SIGNUP_DOMAINS: " Example.com=default , partners.example.org=GUEST" });
    expect(config.sso?.signupDomains).toEqual({ "example.com": "default", "partners.example.org": "guest" });
    expect(loadConfig(SSO).sso?.signupDomains).toEqual({});
  });

  it.each(["example.com", "example.com=admin", "example.com=default=x", "=guest", "exa mple.com=guest"])("refuses %j", (entry) => {
    expect(() => loadConfig({ ...SSO, SSO_SIGNUP_DOMAINS: entry })).toThrow(ConfigError);
    expect(() => loadConfig({ ...SSO, SSO_SIGNUP_DOMAINS: entry })).toThrow(/SSO_SIGNUP_DOMAINS/);
  });

  it("reads CLIENT_IP_HEADER as a header name, and refuses anything else", () => {
    expect(loadConfig({ CLIENT_IP_HEADER: "X-Real-IP" }).clientIpHeader).toBe("x-real-ip");
    expect(loadConfig({}).clientIpHeader).toBeNull();
    expect(() => loadConfig({ CLIENT_IP_HEADER: "X Real IP" })).toThrow(/CLIENT_IP_HEADER/);
  });

  it("requires the issuer and client id in sso mode", () => {
    expect(() => loadConfig({ AUTH_MODE: "sso" })).toThrow(/SSO_ISSUER/);
  });
});
