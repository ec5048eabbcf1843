/**
 * One generic serializer from SDK-shaped objects to ec2Query XML, driven by the SDK's own schemas (the Smithy model):
 * element names are each member's xmlName trait (lowerCamel, `…Set`, and the exceptions such as securityGroupInfo,
 * ipPermissionsEgress, groups, addressesSet come from the model), lists are `<name><item>…</item></name>`,
 * timestamps ISO 8601. This mirrors @aws-sdk/core's XmlShapeDeserializer, so round trips are exact;
 * test/collectors/wire-samples.test.ts checks it against AWS's documented responses.
 */
import * as ec2 from "@aws-sdk/client-ec2";
import { NormalizedSchema } from "@smithy/core/schema";

export const EC2_XMLNS = "http://ec2.amazonaws.com/doc/2016-11-15/";

export function ec2Response(operation: string, output: Readonly<Record<string, unknown>>, requestId: string): string {
  const schema = (ec2 as unknown as Record<string, unknown>)[`${operation}Result$`];
  if (schema === undefined) throw new Error(`no SDK schema for ${operation}Result`);
  const out: string[] = [`<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${EC2_XMLNS}">`, `<requestId>${requestId}</requestId>`];
  writeStructMembers(NormalizedSchema.of(schema as never), output, out);
  out.push(`</${operation}Response>`);
  return out.join("");
}

export function ec2Error(code: string, message: string, requestId: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${escape(code)}</Code><Message>${escape(message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`;
}

/** The members of an SDK-shaped object as XML elements, named by the schema's xmlName traits (EC2 and REST-XML). */
export function xmlMembers(schema: unknown, value: Readonly<Record<string, unknown>>): string {
  const out: string[] = [];
  writeStructMembers(NormalizedSchema.of(schema as never), value, out);
  return out.join("");
}

function writeStructMembers(ns: NormalizedSchema, value: Readonly<Record<string, unknown>>, out: string[]): void {
  for (const [name, member] of ns.structIterator()) {
    const v = value[name];
    if (v !== undefined && v !== null) writeElement(member.getMemberTraits().xmlName ?? name, member, v, out);
  }
}

function writeElement(element: string, ns: NormalizedSchema, value: unknown, out: string[]): void {
  out.push(`<${element}>`);
  if (ns.isListSchema()) {
    const item = ns.getValueSchema();
    const itemElement = item.getMergedTraits().xmlName ?? "member";
    for (const v of value as readonly unknown[]) writeElement(itemElement, item, v, out);
  } else if (ns.isMapSchema()) {
    const valueSchema = ns.getValueSchema();
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out.push(`<entry><key>${escape(k)}</key>`);
      writeElement("value", valueSchema, v, out);
      out.push("</entry>");
    }
  } else if (ns.isStructSchema()) {
    writeStructMembers(ns, value as Record<string, unknown>, out);
  } else if (ns.isTimestampSchema()) {
    out.push(escape(value instanceof Date ? value.toISOString() : String(value)));
  } else if (ns.isBlobSchema()) {
    out.push(Buffer.from(value as Uint8Array).toString("base64"));
  } else {
    out.push(escape(String(value)));
  }
  out.push(`</${element}>`);
}

function escape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] as string);
}
