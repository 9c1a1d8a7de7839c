// Hash routing: `#/`, `#/latest`, `#/post/12`, `#/tag/kith`, `#/@alice`, `#/notifications`, ...

export type Route =
  | { name: "home" }
  | { name: "latest" }
  | { name: "post"; id: number }
  | { name: "tag"; tag: string }
  | { name: "profile"; who: string }
  | { name: "search"; query: string }
  | { name: "notifications" }
  | { name: "wallet" }
  | { name: "community" }
  | { name: "validators" }
  | { name: "accounts" }
  | { name: "notFound"; path: string };

export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, "");
  const [pathPart, queryPart = ""] = raw.split("?");
  const path = decodeURIComponent(pathPart.replace(/\/+$/, "")) || "/";
  const parts = path.split("/").filter(Boolean);
  if (parts.length === 0) return { name: "home" };
  const [first, second] = parts;
  if (first.startsWith("@") && parts.length === 1 && first.length > 1) {
    return { name: "profile", who: first.slice(1) };
  }
  switch (first) {
    case "latest":
    case "notifications":
    case "wallet":
    case "community":
    case "validators":
    case "accounts":
      if (parts.length === 1) return { name: first };
      break;
    case "post":
      if (parts.length === 2 && /^\d+$/.test(second)) return { name: "post", id: Number(second) };
      break;
    case "tag":
      if (parts.length === 2) return { name: "tag", tag: second.replace(/^#/, "").toLowerCase() };
      break;
    case "account":
      if (parts.length === 2) return { name: "profile", who: second };
      break;
    case "search": {
      const query = new URLSearchParams(queryPart).get("q") ?? "";
      return { name: "search", query };
    }
  }
  return { name: "notFound", path };
}

export function href(route: Route): string {
  switch (route.name) {
    case "home":
      return "#/";
    case "post":
      return `#/post/${route.id}`;
    case "tag":
      return `#/tag/${encodeURIComponent(route.tag)}`;
    case "profile":
      return /^[a-z0-9_]+$/i.test(route.who) && route.who.length <= 32
        ? `#/@${route.who.toLowerCase()}`
        : `#/account/${route.who}`;
    case "search":
      return `#/search?q=${encodeURIComponent(route.query)}`;
    case "notFound":
      return `#${route.path}`;
    default:
      return `#/${route.name}`;
  }
}
