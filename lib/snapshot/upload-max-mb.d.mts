export declare const DEFAULT_UPLOAD_MAX_MB: number;
export declare const LARGEST_UPLOAD_MAX_MB: number;
export declare function readUploadMaxMb(env: Record<string, string | undefined>): { mb: number; problem?: string };
export declare function proxyBodyLimit(env: Record<string, string | undefined>): string;
export declare function proxyBodyLimitBytes(env: Record<string, string | undefined>): number;
