import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import en from "@/lib/i18n/messages/en.json";
import nb from "@/lib/i18n/messages/nb.json";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of leaves(value, full)) out.set(k, v);
  }
  return out;
}

// ICU arguments ({name}, {count, plural, …}) and rich-text tags (<code>…</code>) a message expects.
function argumentsOf(message: string): string[] {
  const args = [...message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)].map((m) => `{${m[1]}}`);
  const tags = [...message.matchAll(/<([A-Za-z][\w-]*)>/g)].map((m) => `<${m[1]}>`);
  return [...new Set([...args, ...tags])].sort();
}

const ROOT = path.resolve(__dirname, "../..");
const SOURCE_DIRS = ["app", "components", "lib", "proxy.ts"];

function sourceFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (statSync(full).isFile()) return [full];
  return readdirSync(full).flatMap((name) => {
    const child = path.join(entry, name);
    if (name === "messages" || name === "generated" || name === "node_modules") return [];
    return statSync(path.join(ROOT, child)).isDirectory() ? sourceFiles(child) : /\.(ts|tsx)$/.test(name) ? [path.join(ROOT, child)] : [];
  });
}

const english = leaves(en as Tree);
const norwegian = leaves(nb as Tree);

describe("message catalogues", () => {
  it("Norwegian and English have exactly the same keys", () => {
    expect([...norwegian.keys()].filter((k) => !english.has(k))).toEqual([]);
    expect([...english.keys()].filter((k) => !norwegian.has(k))).toEqual([]);
  });

  it("no message is empty, and both languages expect the same arguments and tags", () => {
    const mismatched = [...english].filter(([key, message]) => {
      const other = norwegian.get(key);
      return !message.trim() || !other?.trim() || argumentsOf(message).join() !== argumentsOf(other).join();
    });
    expect(mismatched.map(([key]) => key)).toEqual([]);
  });

  it("every key is used by the code", () => {
    // A key counts as used when the code quotes its whole path, or quotes its namespace (as in
    // useTranslations("status")) and, somewhere, the rest of the key or a tail of it. Keys chosen at run
    // time (t(status)) are then the quoted values of their union or table, e.g. lib/verification/status.ts.
    const files = SOURCE_DIRS.flatMap(sourceFiles).map((file) => readFileSync(file, "utf8"));
    const quotedAnywhere = (value: string) => files.some((text) => ['"', "'", "`"].some((q) => text.includes(`${q}${value}${q}`)));
    const unused = [...english.keys()].filter((key) => {
      const segments = key.split(".");
      const suffixes = segments.slice(1).map((_, i) => segments.slice(i + 1).join("."));
      return !quotedAnywhere(key) && !(quotedAnywhere(segments[0]) && suffixes.some(quotedAnywhere));
    });
    expect(unused).toEqual([]);
  });
});
