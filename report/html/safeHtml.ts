/**
 * A tagged template that escapes every interpolated value unless it is already SafeHtml, so data
 * (brand names, file names, rejection reasons) can never break the page.
 */

export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Interpolation = SafeHtml | string | number | boolean | null | undefined | Interpolation[];

export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  let result = strings[0] ?? "";
  values.forEach((value, index) => {
    result += render(value) + (strings[index + 1] ?? "");
  });
  return new SafeHtml(result);
}

/** Markup produced elsewhere and trusted as is (the SVG that Vega renders). */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function render(value: Interpolation): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}
