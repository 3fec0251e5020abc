/**
 * Secret scans over everything a run leaves behind. A finding names the secret by its label and the
 * place it was found, never by its value, so a failing test prints no secret either.
 */
export interface Scanned {
    where: string;
    text: string;
}

export interface Secret {
    label: string;
    value: string;
}

/** Shapes that only credentials have: a digest `response=`, an Authorization header, a bearer token. */
const CREDENTIAL_SHAPES: { label: string; pattern: RegExp }[] = [
    { label: "digest response=", pattern: /response="?[0-9a-f]{32,}/i },
    { label: "Authorization header", pattern: /authorization["']?\s*[:=]\s*["']?(digest|bearer|basic)\s/i },
    { label: "bearer token", pattern: /bearer\s+[A-Za-z0-9._~+/-]{16,}/i },
    { label: "access_token field", pattern: /access_token["']?\s*[:=]/i },
];

export function findLeaks(scanned: Scanned[], secrets: Secret[]): string[] {
    const findings: string[] = [];
    for (const { where, text } of scanned) {
        for (const { label, value } of secrets) {
            if (value.length >= 6 && text.includes(value)) findings.push(`${label} in ${where}`);
        }
        for (const { label, pattern } of CREDENTIAL_SHAPES) if (pattern.test(text)) findings.push(`${label} in ${where}`);
    }
    return findings;
}
