import type { ArgsOf } from "../dynamic/args";
import { resourceClass } from "../dynamic/resource-class";
import type { StreamPrivateLinkInputs } from "./inputs";
import type { StreamPrivateLinkOutputs as Outputs } from "./outputs";
import { STREAM_PRIVATE_LINK_PROPERTIES as PROPERTIES } from "./properties";
import { streamPrivateLinkProvider as provider } from "./provider";

/** Arguments of a StreamPrivateLink, derived from the plain inputs. */
export type StreamPrivateLinkArgs = ArgsOf<StreamPrivateLinkInputs>;

/**
 * A private link from Atlas Stream Processing to a target in your cloud: an AWS MSK cluster, a
 * Confluent cluster on any cloud, Kinesis, S3, Lambda, Azure Event Hubs or Blob Storage, Google
 * Pub/Sub. Atlas makes the interface endpoint (AWS, Azure) or the Private Service Connect
 * connections (GCP); this waits until Atlas reports the connection DONE and outputs them. Each
 * vendor's required fields are checked at preview. The Pulumi id is `<groupId>:<connectionId>`;
 * `pulumi import` also takes Terraform's `<groupId>-<connectionId>`.
 */
export const StreamPrivateLink = resourceClass<StreamPrivateLinkArgs, Outputs>("StreamPrivateLink", provider, PROPERTIES);
/** An instance of StreamPrivateLink: its outputs are declared once, in outputs.ts (StreamPrivateLinkOutputs). */
export type StreamPrivateLink = InstanceType<typeof StreamPrivateLink>;
/** What previews, state and policy packs call a StreamPrivateLink. */
export const STREAM_PRIVATE_LINK_TYPE = StreamPrivateLink.typeToken;
