// Field names: our camelCase input fields <-> the API's snake_case body fields. Local validation and
// EasyFreelance's 422 both report API names; forms want ours.

/** Input fields whose API name is not simply the snake_case of the camelCase name. */
const API_FIELD_OVERRIDES: Record<string, string> = {
  returnUrl: "partner_return_url",
  bankIban: "bank_iban_number",
  bankBic: "bank_bic_number",
};
const INPUT_FIELD_OVERRIDES: Record<string, string> = Object.fromEntries(Object.entries(API_FIELD_OVERRIDES).map(([input, api]) => [api, input]));

function camelToSnake(segment: string): string {
  return segment.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
function snakeToCamel(segment: string): string {
  return segment.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** `bankIban` -> `bank_iban_number`, `returnUrl` -> `partner_return_url`, `firstName` -> `first_name`. */
export function inputFieldToApiField(field: string): string {
  return field
    .split(".")
    .map((segment) => API_FIELD_OVERRIDES[segment] ?? camelToSnake(segment))
    .join(".");
}

/** `partner_return_url` -> `returnUrl`, `bank_bic_number` -> `bankBic`, `first_name` -> `firstName`. */
export function apiFieldToInputField(field: string): string {
  return field
    .split(".")
    .map((segment) => INPUT_FIELD_OVERRIDES[segment] ?? snakeToCamel(segment))
    .join(".");
}
