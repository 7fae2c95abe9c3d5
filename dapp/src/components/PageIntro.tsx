import { type PageKey, pageIntros } from "../app/page-intros.ts";

/** The page's heading and lead, identical to what the static shell painted first. */
export function PageIntro({ page }: { page: PageKey }) {
  const intro = pageIntros[page];
  return (
    <div className="intro">
      <h1>{intro.title}</h1>
      <p className="lead">{intro.lead}</p>
    </div>
  );
}
