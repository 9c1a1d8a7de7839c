import { describe, expect, it } from "vitest";
import { countBytes, tagsOf, utf8Length } from "../../src/lib/bytes";

describe("byte counting", () => {
  it("counts UTF-8 bytes, not characters", () => {
    expect(utf8Length("hello")).toBe(5);
    expect(utf8Length("é")).toBe(2);
    expect(utf8Length("€")).toBe(3);
    expect(utf8Length("👋")).toBe(4);
    expect(utf8Length("")).toBe(0);
  });
  it("tells how a text stands against the limit", () => {
    expect(countBytes("abc", 5)).toEqual({ bytes: 3, limit: 5, remaining: 2, over: false });
    expect(countBytes("a".repeat(1024), 1024).over).toBe(false);
    expect(countBytes("a".repeat(1023) + "é", 1024)).toEqual({ bytes: 1025, limit: 1024, remaining: -1, over: true });
  });
  it("finds tags", () => {
    expect(tagsOf("Hello #kith and #Web3, not a#b #kith")).toEqual(["kith", "web3"]);
  });
});
