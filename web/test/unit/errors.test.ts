import { describe, expect, it } from "vitest";
import { describeDispatchError, describeInvalidTx, docsFromMetadata, errorLine, palletLabel } from "../../src/lib/errors";

const docs = docsFromMetadata({
  pallets: [{ name: "Tipping", errors: { type: 1 } }, { name: "System" }],
  lookup: [
    { id: 0, def: { tag: "primitive", value: "u8" } },
    {
      id: 1,
      def: {
        tag: "variant",
        value: [
          { name: "CannotTipSelf", docs: [" You cannot tip yourself or your own post."] },
          { name: "InsufficientBalance", docs: ["Your transferable balance cannot pay the tip", "and keep your account alive."] },
        ],
      },
    },
  ],
});

describe("dispatch errors", () => {
  it("names module errors pallet.Error with their docs", () => {
    const error = { type: "Module", value: { type: "Tipping", value: { type: "InsufficientBalance" } } };
    const readable = describeDispatchError(error, docs);
    expect(readable.name).toBe("tipping.InsufficientBalance");
    expect(errorLine(readable)).toBe(
      "tipping.InsufficientBalance: Your transferable balance cannot pay the tip and keep your account alive.",
    );
  });
  it("handles errors without docs and other variants", () => {
    expect(describeDispatchError({ type: "Module", value: { type: "Posts", value: { type: "TextTooLong" } } }, docs)).toEqual({
      name: "posts.TextTooLong",
      docs: undefined,
    });
    expect(errorLine(describeDispatchError({ type: "BadOrigin" }))).toMatch(/^BadOrigin: /);
    expect(describeDispatchError({ type: "Token", value: { type: "FundsUnavailable" } }).name).toBe("Token.FundsUnavailable");
    expect(describeDispatchError("weird").name).toBe("weird");
  });
  it("names pallets as their clients do", () => {
    expect(palletLabel("CreatorRewards")).toBe("creatorRewards");
    expect(palletLabel("Posts")).toBe("posts");
  });
  it("describes transactions the pool refused", () => {
    expect(errorLine(describeInvalidTx({ type: "Invalid", value: { type: "Payment" } }))).toBe(
      "Invalid.Payment: The account cannot pay the transaction fee.",
    );
  });
});
