import type { Plugin } from "vite";
import { pageIntros } from "./src/app/page-intros.ts";

/**
 * Lets the first load fetch the current page's chunk in parallel with the entry instead of after it:
 * a tiny inline script maps the first path segment to that page's JS files and adds modulepreload
 * links. A second one paints the page's heading and lead (page-intros.ts) into the static shell, so
 * the page reads before its scripts run. `pages` maps a first segment ("" for Home) to the page
 * module's path suffix.
 */
export function routePreload(pages: Record<string, string>): Plugin {
  return {
    name: "boon-route-preload",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        const chunks = Object.values(bundle).flatMap((item) =>
          item.type === "chunk" ? [item] : [],
        );
        const entry = chunks.find((chunk) => chunk.isEntry);
        const initial = new Set<string>();
        const closure = (fileName: string, into: Set<string>) => {
          if (into.has(fileName)) return;
          into.add(fileName);
          for (const imported of chunks.find((c) => c.fileName === fileName)?.imports ?? [])
            closure(imported, into);
        };
        if (entry) closure(entry.fileName, initial);
        const map: Record<string, string[]> = {};
        for (const [segment, suffix] of Object.entries(pages)) {
          const page = chunks.find((chunk) => chunk.facadeModuleId?.endsWith(suffix));
          if (!page) continue;
          const files = new Set<string>();
          closure(page.fileName, files);
          map[segment] = [...files].filter((file) => !initial.has(file));
        }
        const script = `(function(){var m=${JSON.stringify(map)};var f=m[location.pathname.split("/")[1]||""]||[];f.forEach(function(x){var l=document.createElement("link");l.rel="modulepreload";l.href="/"+x;document.head.appendChild(l)})})()`;
        // Paints the page's heading into the static shell before any module runs (see page-intros.ts).
        const intro = `(function(){var all=${JSON.stringify(pageIntros)};var k=location.pathname.split("/")[1]||"";var i=all[k];var m=document.querySelector("#root main");if(!i||!m)return;var s=document.createElement("section");s.className="page"+(i.narrow?" narrow":"");var w=document.createElement("div");if(k==="")w.className="hero";var d=document.createElement("div");d.className="intro";var h=document.createElement("h1");h.textContent=i.title;var p=document.createElement("p");p.className="lead";p.textContent=i.lead;d.append(h,p);w.append(d);s.append(w);m.replaceChildren(s)})()`;
        // The app's scripts may not hold up the first paint: the shell and heading paint first.
        const lowPriority = html.replace(
          /<(script type="module"|link rel="modulepreload")(?![^>]*fetchpriority)/g,
          '<$1 fetchpriority="low"',
        );
        return {
          html: lowPriority,
          tags: [
            { tag: "script", children: script, injectTo: "head-prepend" },
            { tag: "script", children: intro, injectTo: "body" },
          ],
        };
      },
    },
  };
}
