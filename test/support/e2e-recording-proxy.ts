import { createServer, request, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A pass-through HTTP proxy in front of the simulator that remembers every credential crossing the
 * wire: Authorization values, digest `response=` values and issued OAuth access tokens. Secret scans
 * then look for exactly those values, with no help from the simulator.
 */
export interface RecordingProxy {
    baseUrl: string;
    /** Every distinct credential value seen so far. */
    seen(): { authorizations: string[]; digestResponses: string[]; accessTokens: string[] };
    close(): Promise<void>;
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
    const upstream = new URL(target);
    const authorizations = new Set<string>();
    const digestResponses = new Set<string>();
    const accessTokens = new Set<string>();

    const remember = (headers: IncomingHttpHeaders) => {
        const value = headers.authorization;
        if (!value) return;
        authorizations.add(value);
        const response = /response="([^"]+)"/.exec(value)?.[1];
        if (response) digestResponses.add(response);
        const bearer = /^Bearer\s+(\S+)/i.exec(value)?.[1];
        if (bearer) accessTokens.add(bearer);
    };

    const server = createServer((incoming, outgoing) => {
        remember(incoming.headers);
        const forward = request(
            { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: upstream.host } },
            (answer) => {
                const chunks: Buffer[] = [];
                answer.on("data", (chunk: Buffer) => chunks.push(chunk));
                answer.on("end", () => {
                    const body = Buffer.concat(chunks);
                    if (incoming.url?.startsWith("/api/oauth/token")) {
                        const token = /"access_token"\s*:\s*"([^"]+)"/.exec(body.toString("utf8"))?.[1];
                        if (token) accessTokens.add(token);
                    }
                    outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
                    outgoing.end(body);
                });
            },
        );
        // The simulator drops a connection on purpose for some faults: drop ours too, so the client sees the same.
        forward.on("error", () => outgoing.socket?.destroy());
        incoming.pipe(forward);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        baseUrl: `http://127.0.0.1:${port}`,
        seen: () => ({ authorizations: [...authorizations], digestResponses: [...digestResponses], accessTokens: [...accessTokens] }),
        close: () =>
            new Promise<void>((resolve) => {
                server.closeAllConnections();
                server.close(() => resolve());
            }),
    };
}
