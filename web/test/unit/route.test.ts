import { describe, expect, it } from "vitest";
import { href, parseRoute } from "../../src/lib/route";

describe("routes", () => {
  it("parses hashes", () => {
    expect(parseRoute("")).toEqual({ name: "home" });
    expect(parseRoute("#/")).toEqual({ name: "home" });
    expect(parseRoute("#/latest")).toEqual({ name: "latest" });
    expect(parseRoute("#/post/12")).toEqual({ name: "post", id: 12 });
    expect(parseRoute("#/post/x")).toEqual({ name: "notFound", path: "/post/x" });
    expect(parseRoute("#/tag/Kith")).toEqual({ name: "tag", tag: "kith" });
    expect(parseRoute("#/tag/%23kith")).toEqual({ name: "tag", tag: "kith" });
    expect(parseRoute("#/@alice")).toEqual({ name: "profile", who: "alice" });
    expect(parseRoute("#/account/mHpNjV")).toEqual({ name: "profile", who: "mHpNjV" });
    expect(parseRoute("#/search?q=%40bo")).toEqual({ name: "search", query: "@bo" });
    expect(parseRoute("#/wallet/")).toEqual({ name: "wallet" });
    expect(parseRoute("#/nope")).toEqual({ name: "notFound", path: "/nope" });
  });
  it("makes hashes that parse back", () => {
    const routes = [
      { name: "home" },
      { name: "post", id: 3 },
      { name: "tag", tag: "kith" },
      { name: "profile", who: "bob" },
      { name: "search", query: "@b o" },
      { name: "community" },
    ] as const;
    for (const route of routes) expect(parseRoute(href(route))).toEqual(route);
    expect(href({ name: "profile", who: "Bob" })).toBe("#/@bob");
    const address = "mHpNjVNAj3mWbGmzwFqAt3Et9CLcYrpuYZbJ7um8uJY2uJ7E4";
    expect(href({ name: "profile", who: address })).toBe(`#/account/${address}`);
  });
});
