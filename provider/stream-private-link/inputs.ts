/**
 * What a StreamPrivateLink's user declares and how `check` validates it: the provider/vendor
 * combinations Atlas offers, the fields each vendor needs or refuses, which inputs each cloud takes,
 * the defaults. Pure.
 */
import { z } from "zod";
import type { CloudProvider } from "../vocabulary/clouds";
import type { Timeouts } from "../vocabulary/time";
import { flag, isUnknown, listedTwice, orUnknown, PROJECT_FIELDS, shown, text, type InputVocabulary } from "../vocabulary/validation";

/** The fields a vendor rules on: what names the target a connection reaches. */
export type StreamField =
  | "region"
  | "arn"
  | "serviceEndpointId"
  | "dnsDomain"
  | "dnsSubDomain"
  | "azureResourceIds"
  | "gcpServiceAttachmentUris";

export interface VendorRule {
  /** Must be declared (an empty list counts: AWS Confluent clusters without subdomains take `dnsSubDomain: []`). */
  required: readonly StreamField[];
  /** Must not be declared. */
  forbidden?: readonly StreamField[];
  /**
   * What names the target: Atlas refuses a second live connection to it (409), so a connection with
   * these values is the one a create met, and a replacement with them must wait for the old one to go.
   */
  target: readonly StreamField[];
}

/** "Omitting the vendor field will default to using the GENERIC vendor" (the spec's `vendor` text). */
export const DEFAULT_VENDOR = "GENERIC";

/**
 * The provider/vendor combinations Atlas offers and what each needs, from the spec's `vendor`, `arn`, `dnsDomain`,
 * `dnsSubDomain`, `azureResourceIds` and `gcpServiceAttachmentUris` texts and Terraform's
 * mongodbatlas_stream_privatelink_endpoint (MSK: no `region`, Atlas reads it from the arn; CONFLUENT: `region`,
 * and a service endpoint or attachment URIs, not both; S3: `region` and `serviceEndpointId`; AZURE_BLOB_STORAGE:
 * `region`, `serviceEndpointId`, `dnsDomain`). KINESIS, LAMBDA, PUBSUB and GENERIC are the simulator's reading
 * (no public source says more). The simulator keeps its own copy (it never imports the provider):
 * test/provider/stream-private-link/inputs.test.ts holds the two equal.
 */
export const STREAM_VENDORS: { readonly [C in CloudProvider]: Readonly<Record<string, VendorRule>> } = {
  AWS: {
    MSK: { required: ["arn"], forbidden: ["region"], target: ["arn"] },
    CONFLUENT: { required: ["region", "serviceEndpointId", "dnsDomain", "dnsSubDomain"], target: ["serviceEndpointId"] },
    KINESIS: { required: ["region"], target: ["region"] },
    S3: { required: ["region", "serviceEndpointId"], target: ["serviceEndpointId"] },
    LAMBDA: { required: ["region"], target: ["region"] },
    GENERIC: { required: ["region", "serviceEndpointId"], target: ["serviceEndpointId"] },
  },
  AZURE: {
    EVENTHUB: { required: ["region", "serviceEndpointId", "dnsDomain"], target: ["serviceEndpointId"] },
    CONFLUENT: { required: ["region", "dnsDomain", "azureResourceIds"], target: ["dnsDomain", "region"] },
    AZURE_BLOB_STORAGE: { required: ["region", "serviceEndpointId", "dnsDomain"], target: ["serviceEndpointId"] },
    GENERIC: { required: ["region", "serviceEndpointId"], target: ["serviceEndpointId"] },
  },
  GCP: {
    CONFLUENT: {
      required: ["region", "dnsDomain", "gcpServiceAttachmentUris"],
      forbidden: ["serviceEndpointId"],
      target: ["gcpServiceAttachmentUris"],
    },
    PUBSUB: { required: ["region"], target: ["region"] },
    GENERIC: { required: ["region", "serviceEndpointId"], target: ["serviceEndpointId"] },
  },
};

/** Fields only one cloud's connections have. */
export const STREAM_FIELD_OWNERS: Readonly<Partial<Record<StreamField, CloudProvider>>> = {
  arn: "AWS",
  azureResourceIds: "AZURE",
  gcpServiceAttachmentUris: "GCP",
};

/** The vendor's rule, or undefined when the cloud offers no such vendor. */
export function vendorRule(cloud: CloudProvider, vendor: string): VendorRule | undefined {
  return Object.hasOwn(STREAM_VENDORS[cloud], vendor) ? STREAM_VENDORS[cloud][vendor] : undefined;
}

export type AuthenticationScheme = "TLS" | "SASL_SCRAM" | "IAM";

/** What a user declares for a stream processing private link connection. `cloudProvider` defaults to AWS. */
export interface StreamPrivateLinkInputs {
  /** Atlas project id (24 hex characters). */
  groupId: string;
  /** Where the target is: AWS (default), AZURE or GCP (Atlas's `provider`). */
  cloudProvider?: CloudProvider;
  /** Who runs the target: AWS MSK, CONFLUENT, KINESIS, S3, LAMBDA; Azure EVENTHUB, CONFLUENT, AZURE_BLOB_STORAGE; GCP CONFLUENT, PUBSUB. Default GENERIC. */
  vendor?: string;
  /** The target's region (not for MSK: Atlas reads it from the arn). */
  region?: string;
  /** AWS MSK: the cluster's ARN. */
  arn?: string;
  /** The target's service endpoint: Azure EVENTHUB the namespace's resource id, AWS CONFLUENT the VPC endpoint service name, AWS S3 `com.amazonaws.<region>.s3`, AZURE_BLOB_STORAGE the storage account's resource id. */
  serviceEndpointId?: string;
  /** The target's domain (AWS CONFLUENT, Azure EVENTHUB, CONFLUENT and AZURE_BLOB_STORAGE, GCP CONFLUENT; Atlas computes PUBSUB's). */
  dnsDomain?: string;
  /** AWS CONFLUENT: the cluster's subdomains (its availability zones); `[]` when it uses none. */
  dnsSubDomain?: string[];
  /** Azure CONFLUENT: the resource ids of each availability zone. */
  azureResourceIds?: string[];
  /** GCP CONFLUENT: the service attachment URIs of each availability zone (1 to 3). */
  gcpServiceAttachmentUris?: string[];
  /** TLS, SASL_SCRAM or IAM. */
  authenticationScheme?: AuthenticationScheme;
  /** How long to wait: create until DONE (default "60m"), delete until Atlas forgets it (default "30m"). */
  timeouts?: Timeouts;
  /** When Atlas already has a live connection to the same target (409), take it over if it matches. Default true. */
  adoptExisting?: boolean;
}

/** After check: defaults applied, every value known. */
export interface ResolvedStreamLinkInputs extends StreamPrivateLinkInputs {
  cloudProvider: CloudProvider;
  vendor: string;
  adoptExisting: boolean;
}

export const STREAM_LINK_INPUT_DEFAULTS = { cloudProvider: "AWS", vendor: DEFAULT_VENDOR, adoptExisting: true } as const;

/** Inputs that only steer this provider: changing them alone calls nothing in Atlas. */
export const STREAM_LINK_OPTION_FIELDS = ["timeouts", "adoptExisting"] as const;

/** What Atlas holds of a connection, as inputs: every one of them replaces it when changed. */
export const STREAM_LINK_ATLAS_FIELDS = [
  "vendor",
  "region",
  "arn",
  "serviceEndpointId",
  "dnsDomain",
  "dnsSubDomain",
  "azureResourceIds",
  "gcpServiceAttachmentUris",
  "authenticationScheme",
] as const;

const owned = (field: string) => field in STREAM_FIELD_OWNERS;

/** Each input and which clouds take it: a field one cloud owns belongs to that cloud only. */
export const STREAM_LINK_INPUT_KEYS: { readonly [C in CloudProvider]: readonly string[] } = {
  AWS: keysOf("AWS"),
  AZURE: keysOf("AZURE"),
  GCP: keysOf("GCP"),
};

function keysOf(cloud: CloudProvider): string[] {
  const atlas = STREAM_LINK_ATLAS_FIELDS.filter((field) => !owned(field) || STREAM_FIELD_OWNERS[field as StreamField] === cloud);
  return ["groupId", "cloudProvider", ...atlas, ...STREAM_LINK_OPTION_FIELDS];
}

/** What each field takes, as messages say it. */
export const FIELD_HELP: { readonly [F in StreamField]: string } = {
  region: 'the target\'s region, e.g. "us-east-1"',
  arn: "the MSK cluster's ARN, arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>",
  serviceEndpointId: "the target's service endpoint (a VPC endpoint service name, an Azure resource id, com.amazonaws.<region>.s3)",
  dnsDomain: 'the target\'s domain name, e.g. "abc123.us-east-1.aws.confluent.cloud"',
  dnsSubDomain: 'a list of the cluster\'s subdomains, e.g. ["use1-az1.abc123.us-east-1.aws.confluent.cloud"], or []',
  azureResourceIds: "a list of Azure resource ids (/subscriptions/...), one per availability zone",
  gcpServiceAttachmentUris: "a list of 1 to 3 service attachment URIs, projects/<project>/regions/<region>/serviceAttachments/<name>",
};

const NO_SPACE = /^\S+$/;
const MSK_ARN = /^arn:aws:kafka:[a-z0-9-]+:\d*:\S+$/;
const DOMAIN = /^(?=.{1,253}$)(?:\*\.)?(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const AZURE_RESOURCE_ID = /^\/subscriptions\/[^/\s]+\/resource[gG]roups\/[^/\s]+\/providers\/\S+$/;
const SERVICE_ATTACHMENT =
  /^(?:https:\/\/www\.googleapis\.com\/compute\/v1\/)?projects\/[^/\s]+\/regions\/[^/\s]+\/serviceAttachments\/[^/\s]+$/;
const AUTHENTICATION_SCHEMES: readonly AuthenticationScheme[] = ["TLS", "SASL_SCRAM", "IAM"];

/** A list of distinct strings, each matching `item`; `min`/`max` items (the spec's bounds). */
function list(field: StreamField, item: RegExp, itemHelp: string, bounds: { min: number; max?: number }) {
  return z.unknown().superRefine((value, ctx) => {
    if (value === undefined) return;
    if (!Array.isArray(value)) {
      ctx.addIssue({ code: "custom", message: `must be ${FIELD_HELP[field]}, got ${shown(value)}` });
      return;
    }
    if (value.length < bounds.min) ctx.addIssue({ code: "custom", message: `must list at least ${bounds.min} (${FIELD_HELP[field]})` });
    if (bounds.max !== undefined && value.length > bounds.max) {
      ctx.addIssue({ code: "custom", message: `lists ${value.length}; Atlas allows at most ${bounds.max}` });
    }
    value.forEach((entry, index) => {
      if (isUnknown(entry)) return;
      if (typeof entry !== "string" || !item.test(entry)) {
        ctx.addIssue({ code: "custom", path: [index], message: `must be ${itemHelp}, got ${shown(entry)}` });
      }
    });
    for (const issue of listedTwice(value, (entry) => (typeof entry === "string" ? entry : undefined))) ctx.addIssue(issue);
  });
}

const atlasFields = {
  region: orUnknown(text(NO_SPACE, FIELD_HELP.region).optional()),
  serviceEndpointId: orUnknown(text(NO_SPACE, FIELD_HELP.serviceEndpointId).optional()),
  dnsDomain: orUnknown(text(DOMAIN, FIELD_HELP.dnsDomain).optional()),
  dnsSubDomain: orUnknown(list("dnsSubDomain", DOMAIN, "a domain name", { min: 0 })),
  authenticationScheme: orUnknown(
    z
      .enum(AUTHENTICATION_SCHEMES as [AuthenticationScheme, ...AuthenticationScheme[]], {
        error: (issue) => `must be one of ${AUTHENTICATION_SCHEMES.join(", ")}, got ${shown(issue.input)}`,
      })
      .optional(),
  ),
};

const ownFields: { readonly [C in CloudProvider]: Record<string, z.ZodType> } = {
  AWS: { arn: orUnknown(text(MSK_ARN, FIELD_HELP.arn).optional()) },
  AZURE: {
    azureResourceIds: orUnknown(
      list("azureResourceIds", AZURE_RESOURCE_ID, "an Azure resource id /subscriptions/<id>/resourceGroups/...", { min: 1 }),
    ),
  },
  GCP: {
    gcpServiceAttachmentUris: orUnknown(
      list("gcpServiceAttachmentUris", SERVICE_ATTACHMENT, "projects/<project>/regions/<region>/serviceAttachments/<name>", {
        min: 1,
        max: 3,
      }),
    ),
  },
};

/**
 * The vendor, and the fields it needs and refuses, as Atlas rules on them: one failure per field, naming
 * the field, the cloud and the vendor. A value not known yet in a preview counts as declared.
 */
function vendorRules(cloud: CloudProvider) {
  const vendors = Object.keys(STREAM_VENDORS[cloud]);
  return (inputs: Record<string, unknown>, ctx: z.RefinementCtx) => {
    const declared = inputs.vendor;
    if (isUnknown(declared)) return;
    const vendor = declared ?? DEFAULT_VENDOR;
    const rule = typeof vendor === "string" ? vendorRule(cloud, vendor) : undefined;
    if (!rule) {
      ctx.addIssue({
        code: "custom",
        path: ["vendor"],
        message: `must be one of ${vendors.join(", ")} for cloudProvider ${cloud}, got ${shown(vendor)}`,
      });
      return;
    }
    for (const field of rule.forbidden ?? []) {
      if (inputs[field] === undefined) continue;
      const why = field === "region" ? ": Atlas reads the region from the arn" : "";
      ctx.addIssue({ code: "custom", path: [field], message: `is not taken for cloudProvider ${cloud} with vendor ${vendor}${why}` });
    }
    for (const field of rule.required) {
      if (inputs[field] !== undefined) continue;
      ctx.addIssue({
        code: "custom",
        path: [field],
        message: `is required for cloudProvider ${cloud} with vendor ${vendor} (${FIELD_HELP[field]}); that vendor needs ${rule.required.join(", ")}`,
      });
    }
  };
}

const cloudSchema = (cloud: CloudProvider) =>
  z
    .looseObject({
      vendor: orUnknown(z.unknown()),
      ...atlasFields,
      ...ownFields[cloud],
    })
    .superRefine(vendorRules(cloud));

export const STREAM_PRIVATE_LINK_INPUTS: InputVocabulary<ResolvedStreamLinkInputs> = {
  resource: "StreamPrivateLink",
  common: z.object({ ...PROJECT_FIELDS, adoptExisting: orUnknown(flag) }),
  clouds: { AWS: cloudSchema("AWS"), AZURE: cloudSchema("AZURE"), GCP: cloudSchema("GCP") },
  keys: STREAM_LINK_INPUT_KEYS,
  fallbackKeys: STREAM_LINK_INPUT_KEYS.AWS,
  defaults: STREAM_LINK_INPUT_DEFAULTS,
};

export { STREAM_PRIVATE_LINK_INPUTS as vocabulary };
