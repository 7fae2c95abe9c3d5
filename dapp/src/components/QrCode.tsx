import { useEffect, useState } from "react";

/** A QR code of `text` as an SVG image; the encoder loads only when a code is shown. */
export function QrCode({ text, label }: { text: string; label: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    void import("qrcode").then((qr) =>
      qr
        .toString(text, {
          type: "svg",
          margin: 1,
          errorCorrectionLevel: "M",
          color: { dark: "#17131f", light: "#ffffff" },
        })
        .then((markup) => {
          if (alive) setSvg(markup);
        }),
    );
    return () => {
      alive = false;
    };
  }, [text]);
  return svg ? (
    <img
      className="qr"
      src={`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`}
      alt={label}
      width={220}
      height={220}
    />
  ) : (
    <div className="qr qr-loading" role="img" aria-label={`${label} (loading)`} />
  );
}
