/**
 * One class per Atlas errorCode. The state model throws these; the HTTP layer turns any
 * AtlasError into the wire ApiError `{detail, error, errorCode, parameters, reason}`.
 * Codes whose exact spelling could not be confirmed from public Atlas sources are marked.
 */
export type ErrorParameter = { name: string; value: unknown };

export abstract class AtlasError extends Error {
  abstract readonly status: number;
  abstract readonly errorCode: string;
  constructor(
    readonly detail: string,
    readonly parameters: ErrorParameter[] = [],
  ) {
    super(detail);
  }
  override get name(): string {
    return this.constructor.name;
  }
}

const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  406: "Not Acceptable",
  409: "Conflict",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? "Error";
}

// 400
/** A path parameter that does not parse as its type (an ObjectId, the cloud enum): crossplane-contrib/provider-mongodbatlas#93. */
export class PathParamParseError extends AtlasError {
  readonly status = 400;
  readonly errorCode = "PATH_PARAM_PARSE_ERROR";
}
/** A path or query parameter that does not match its pattern or bounds in the spec. */
export class ValidationError extends AtlasError {
  readonly status = 400;
  readonly errorCode = "VALIDATION_ERROR";
}
export class InvalidJson extends AtlasError {
  readonly status = 400;
  readonly errorCode = "INVALID_JSON";
}
export class MissingAttribute extends AtlasError {
  readonly status = 400;
  readonly errorCode = "MISSING_ATTRIBUTE";
}
export class InvalidAttribute extends AtlasError {
  readonly status = 400;
  readonly errorCode = "INVALID_ATTRIBUTE";
}

// 401 / 403
export class Unauthorized extends AtlasError {
  readonly status = 401;
  readonly errorCode = "UNAUTHORIZED";
}
export class UserUnauthorized extends AtlasError {
  readonly status = 403;
  readonly errorCode = "USER_UNAUTHORIZED";
}

// 402
export class NoPaymentInformationFound extends AtlasError {
  readonly status = 402;
  readonly errorCode = "NO_PAYMENT_INFORMATION_FOUND";
}

// 404
export class ResourceNotFound extends AtlasError {
  readonly status = 404;
  readonly errorCode = "RESOURCE_NOT_FOUND";
}
export class GroupNotFound extends AtlasError {
  readonly status = 404;
  readonly errorCode = "GROUP_NOT_FOUND";
}
export class PrivateEndpointServiceNotFound extends AtlasError {
  readonly status = 404;
  readonly errorCode = "PRIVATE_ENDPOINT_SERVICE_NOT_FOUND";
}
/** Spelling not confirmed from public sources; clients should key on the 404. */
export class PrivateEndpointNotFound extends AtlasError {
  readonly status = 404;
  readonly errorCode = "PRIVATE_ENDPOINT_NOT_FOUND";
}

/** Spelling not confirmed from public sources (named after the real CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_DATA_FEDERATION_PRIVATE_ENDPOINTS). */
export class DataFederationPrivateEndpointNotFound extends AtlasError {
  readonly status = 404;
  readonly errorCode = "DATA_FEDERATION_PRIVATE_ENDPOINT_NOT_FOUND";
}
/** Spelling not confirmed from public sources. */
export class StreamPrivateLinkNotFound extends AtlasError {
  readonly status = 404;
  readonly errorCode = "STREAM_PRIVATE_LINK_NOT_FOUND";
}

// 406
/** Spelling not confirmed from public sources. */
export class InvalidVersionDate extends AtlasError {
  readonly status = 406;
  readonly errorCode = "INVALID_VERSION_DATE";
}

// 409
/** The v1 API called this PRIVATELINK_INTERFACE_ENDPOINT_ALREADY_EXISTS; v2 renamed PRIVATELINK_ to PRIVATE_ENDPOINT_. */
export class PrivateEndpointAlreadyExists extends AtlasError {
  readonly status = 409;
  readonly errorCode = "PRIVATE_ENDPOINT_ALREADY_EXISTS";
}
export class PrivateEndpointServiceAlreadyExistsForRegion extends AtlasError {
  readonly status = 409;
  readonly errorCode = "PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION";
}
export class CannotDeletePrivatelinkWithEndpoints extends AtlasError {
  readonly status = 409;
  readonly errorCode = "CANNOT_DELETE_PRIVATELINK_WITH_ENDPOINTS";
}

/** Spelling not confirmed from public sources: a connection to the same target (arn, service, domain) exists. */
export class StreamPrivateLinkAlreadyExists extends AtlasError {
  readonly status = 409;
  readonly errorCode = "STREAM_PRIVATE_LINK_ALREADY_EXISTS";
}
/**
 * The regional-mode refusals the spec states ("You can enable this setting only if your Atlas project contains no
 * replica sets", "You can't disable this setting if you have more than one private endpoint in more than one
 * region..."). No public source names their codes: these follow CANNOT_DELETE_PRIVATELINK_WITH_ENDPOINTS and the
 * recorded X-Java-Method updateRegionalizedPrivateLinkEnabled.
 */
export class CannotEnableRegionalizedPrivatelinkWithReplicaSets extends AtlasError {
  readonly status = 409;
  readonly errorCode = "CANNOT_ENABLE_REGIONALIZED_PRIVATELINK_WITH_REPLICA_SETS";
}
export class CannotDisableRegionalizedPrivatelinkWithMultipleEndpoints extends AtlasError {
  readonly status = 409;
  readonly errorCode = "CANNOT_DISABLE_REGIONALIZED_PRIVATELINK_WITH_MULTIPLE_ENDPOINTS";
}
/** "Once enabled, you cannot create replica sets" (the spec); met only by the simulator's cluster control. */
export class CannotCreateReplicaSetWithRegionalizedPrivatelink extends AtlasError {
  readonly status = 409;
  readonly errorCode = "CANNOT_CREATE_REPLICA_SET_WITH_REGIONALIZED_PRIVATELINK";
}

// 429
/** The OAuth token endpoint's per-client limit (Terraform's provider-configuration guide: 50 per minute). */
export class RateLimited extends AtlasError {
  readonly status = 429;
  readonly errorCode = "RATE_LIMITED";
}
export class RateLimitedTokenBucket extends AtlasError {
  readonly status = 429;
  readonly errorCode = "RATE_LIMITED_TOKEN_BUCKET";
}

// 500 (used by injected faults)
export class UnexpectedError extends AtlasError {
  readonly status = 500;
  readonly errorCode = "UNEXPECTED_ERROR";
}

/** A fault injected through the control API with a status that has no dedicated class. */
export class InjectedFault extends AtlasError {
  readonly errorCode: string;
  constructor(
    readonly status: number,
    errorCode: string,
    detail: string,
  ) {
    super(detail);
    this.errorCode = errorCode;
  }
}

/** As recorded from Atlas (X-Error-Code CLUSTER_NOT_FOUND; parameters [name, groupId]). */
export class ClusterNotFound extends AtlasError {
  readonly status = 404;
  readonly errorCode = "CLUSTER_NOT_FOUND";
}
