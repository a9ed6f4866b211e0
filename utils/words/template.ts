const TEMPLATE_VARIABLE = /\{\{\s*([a-zA-Z][\w.]*)\s*(?:\|([^{}]*))?\}\}/g;

/**
 * Fills `{{name}}` and `{{name|fallback}}` from `variables`. Unknown variables without a fallback
 * stay as written (the placeholders check then flags them), or become '' with `missing: 'empty'`.
 */
export function fillTemplate(
  template: string,
  variables: Record<string, string>,
  options: { missing?: 'keep' | 'empty' } = {},
): string {
  if (!template.includes('{{')) return template;
  return template.replace(TEMPLATE_VARIABLE, (whole, name: string, fallback: string | undefined) => {
    // Own properties only: `{{constructor}}` must not insert Object's source (issue 14).
    const value = Object.hasOwn(variables, name) ? variables[name] : undefined;
    if (value) return value;
    if (fallback !== undefined) return fallback.trim();
    return options.missing === 'empty' ? '' : whole;
  });
}
