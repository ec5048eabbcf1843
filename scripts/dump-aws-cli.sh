#!/usr/bin/env bash
# dump-aws-cli.sh — write the AWS CLI output that `kms-audit scan --aws-cli-dir DIR` reads.
#
# Usage:  scripts/dump-aws-cli.sh [--endpoint-url URL] OUT_DIR REGION [REGION...]
#         AWS_PROFILE=audit scripts/dump-aws-cli.sh ./acme-dump ap-northeast-1 us-east-1
#
# Needs: the AWS CLI v2 with credentials for the account (the read-only policy docs/iam-policy.json is enough).
#        Every call gets --region (STS too); --endpoint-url sends every call to an emulator or a proxy (AWS CLI v2
#        before 2.13 ignores AWS_ENDPOINT_URL).
# Makes:  OUT_DIR/sts-get-caller-identity.json            (the account id)
#         OUT_DIR/REGION/<service>-<command>.json          (exactly what `aws <service> <command> --output json` prints)
#         OUT_DIR/REGION/ec2-describe-vpc-attribute.json   (JSON array: one output per VPC and DNS attribute)
#         OUT_DIR/REGION/ec2-get-managed-prefix-list-entries.json (JSON array: {PrefixListId, Entries} per list)
#         OUT_DIR/REGION/resourcegroupstaggingapi-get-resources.json (the tags of the region's Lambda functions)
#         OUT_DIR/REGION/lambda-get-function-configuration.json (JSON array: one output per VPC function, for its State)
#         OUT_DIR/REGION/ec2-search-transit-gateway-routes.json … (JSON arrays: one output per route table, VPC, zone
#                                                           or Profile, carrying the id it was asked for)
#         OUT_DIR/REGION/<service>-<command>.error.txt     (when a command fails: its error, read as a gap)
# A command that is denied or fails leaves its .error.txt instead of the .json; kms-audit reports it as a gap.
#
# Careful: lambda-list-functions.json and lambda-get-function-configuration.json hold the functions' environment
# variable values as AWS returns them.
# kms-audit classifies and drops them when it reads the directory (they never reach a snapshot or a report), but the
# directory itself holds them: hand it over as you would hand over those values.
set -euo pipefail

usage() {
  awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0" >&2
  exit 2
}

endpoint=()
while [[ $# -gt 0 && $1 == --* ]]; do
  case $1 in
    --endpoint-url)
      [[ $# -ge 2 && -n $2 ]] || usage
      endpoint=(--endpoint-url "$2")
      shift 2
      ;;
    --endpoint-url=*)
      endpoint=(--endpoint-url "${1#--endpoint-url=}")
      shift
      ;;
    *) usage ;;
  esac
done
if [[ $# -lt 2 ]]; then usage; fi
out=$1
shift

command -v aws >/dev/null || { echo "dump-aws-cli.sh: the AWS CLI v2 (aws) is not installed: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html" >&2; exit 2; }
# AWS CLI v1 prints its version on stderr, v2 on stdout: "aws-cli/2.15.0 Python/3.11.6 Linux/6.1 exe/x86_64..."
version=$(aws --version 2>&1 | head -n 1)
if [[ $version != aws-cli/2.* ]]; then
  echo "dump-aws-cli.sh: needs the AWS CLI v2, but the aws on PATH ($(command -v aws)) says: ${version:-nothing}; install v2: https://docs.aws.amazon.com/cli/latest/userguide/getting-started-install.html" >&2
  exit 2
fi
export AWS_PAGER=""
mkdir -p "$out"

# run FILE aws-args...: the command's JSON into FILE, or its error into FILE's .error.txt.
run() {
  local file=$1
  shift
  local err="${file%.json}.error.txt"
  if aws ${endpoint[@]+"${endpoint[@]}"} "$@" --output json >"$file.tmp" 2>"$err"; then
    mv "$file.tmp" "$file"
    rm -f "$err"
  else
    rm -f "$file.tmp"
    echo "dump-aws-cli.sh: failed: aws $* ($(tr '\n' ' ' <"$err"))" >&2
  fi
}

# array FILE: joins the JSON documents FILE.parts/* into one JSON array; if any call failed, FILE's .error.txt instead.
array() {
  local file=$1 first=1 failed
  failed=$(find "$file.parts" -name '*.error.txt' -size +0 | sort | head -n 1)
  if [[ -n $failed ]]; then
    mv "$failed" "${file%.json}.error.txt"
    rm -rf "$file.parts"
    return
  fi
  {
    printf '['
    for part in "$file.parts"/*.json; do
      [[ -e $part ]] || continue
      if [[ $first -eq 0 ]]; then printf ','; fi
      first=0
      cat "$part"
    done
    printf ']\n'
  } >"$file"
  rm -rf "$file.parts"
}

run "$out/sts-get-caller-identity.json" sts get-caller-identity --region "$1"

for region in "$@"; do
  dir="$out/$region"
  mkdir -p "$dir"
  echo "$region" >"$dir/region"
  ec2() { run "$dir/ec2-$1.json" ec2 "$1" --region "$region" "${@:2}"; }
  ec2 describe-vpcs
  ec2 describe-subnets
  ec2 describe-route-tables
  ec2 describe-internet-gateways
  ec2 describe-egress-only-internet-gateways
  ec2 describe-nat-gateways
  ec2 describe-vpc-endpoints
  ec2 describe-vpc-endpoint-services
  ec2 describe-security-groups
  ec2 describe-network-acls
  ec2 describe-managed-prefix-lists
  ec2 describe-dhcp-options
  ec2 describe-addresses
  ec2 describe-account-attributes

  if [[ -f $dir/ec2-describe-vpcs.json ]]; then
    mkdir -p "$dir/ec2-describe-vpc-attribute.json.parts"
    n=0
    for vpc in $(aws ${endpoint[@]+"${endpoint[@]}"} ec2 describe-vpcs --region "$region" --query 'Vpcs[].VpcId' --output text); do
      for attribute in enableDnsSupport enableDnsHostnames; do
        n=$((n + 1))
        run "$dir/ec2-describe-vpc-attribute.json.parts/$(printf %06d $n).json" \
          ec2 describe-vpc-attribute --region "$region" --vpc-id "$vpc" --attribute "$attribute"
      done
    done
    array "$dir/ec2-describe-vpc-attribute.json"
  fi

  if [[ -f $dir/ec2-describe-managed-prefix-lists.json ]]; then
    mkdir -p "$dir/ec2-get-managed-prefix-list-entries.json.parts"
    n=0
    for list in $(aws ${endpoint[@]+"${endpoint[@]}"} ec2 describe-managed-prefix-lists --region "$region" --query 'PrefixLists[].PrefixListId' --output text); do
      n=$((n + 1))
      run "$dir/ec2-get-managed-prefix-list-entries.json.parts/$(printf %06d $n).json" \
        ec2 get-managed-prefix-list-entries --region "$region" --prefix-list-id "$list" \
        --query "{PrefixListId: '$list', Entries: Entries}"
    done
    array "$dir/ec2-get-managed-prefix-list-entries.json"
  fi

  # Beyond the VPC (docs/snapshot-format.md): transit gateways, peering, Route 53, Resolver rules, Route 53 Profiles.
  ec2 describe-transit-gateways
  ec2 describe-transit-gateway-attachments
  ec2 describe-transit-gateway-vpc-attachments
  ec2 describe-transit-gateway-route-tables
  ec2 describe-vpc-peering-connections
  if [[ -f $dir/ec2-describe-transit-gateway-route-tables.json ]]; then
    for command in get-transit-gateway-route-table-associations get-transit-gateway-route-table-propagations search-transit-gateway-routes; do
      mkdir -p "$dir/ec2-$command.json.parts"
    done
    n=0
    for table in $(aws ec2 describe-transit-gateway-route-tables --region "$region" --query 'TransitGatewayRouteTables[].TransitGatewayRouteTableId' --output text); do
      n=$((n + 1))
      part=$(printf %06d $n).json
      run "$dir/ec2-get-transit-gateway-route-table-associations.json.parts/$part" \
        ec2 get-transit-gateway-route-table-associations --region "$region" --transit-gateway-route-table-id "$table" \
        --query "{TransitGatewayRouteTableId: '$table', Associations: Associations}"
      run "$dir/ec2-get-transit-gateway-route-table-propagations.json.parts/$part" \
        ec2 get-transit-gateway-route-table-propagations --region "$region" --transit-gateway-route-table-id "$table" \
        --query "{TransitGatewayRouteTableId: '$table', TransitGatewayRouteTablePropagations: TransitGatewayRouteTablePropagations}"
      run "$dir/ec2-search-transit-gateway-routes.json.parts/$part" \
        ec2 search-transit-gateway-routes --region "$region" --transit-gateway-route-table-id "$table" \
        --filters Name=state,Values=active,blackhole \
        --query "{TransitGatewayRouteTableId: '$table', Routes: Routes, AdditionalRoutesAvailable: AdditionalRoutesAvailable || \`false\`}"
    done
    for command in get-transit-gateway-route-table-associations get-transit-gateway-route-table-propagations search-transit-gateway-routes; do
      array "$dir/ec2-$command.json"
    done
  fi

  # Route 53 is global: each region keeps the zones of its own VPCs, and the records of the account's private zones
  # named after this region's (or every region's) AWS service host names.
  account=${account:-$(aws sts get-caller-identity --region "$region" --query Account --output text)}
  if [[ -f $dir/ec2-describe-vpcs.json ]]; then
    mkdir -p "$dir/route53-list-hosted-zones-by-vpc.json.parts"
    n=0
    for vpc in $(aws ec2 describe-vpcs --region "$region" --filters "Name=owner-id,Values=$account" --query 'Vpcs[].VpcId' --output text); do
      n=$((n + 1))
      run "$dir/route53-list-hosted-zones-by-vpc.json.parts/$(printf %06d $n).json" \
        route53 list-hosted-zones-by-vpc --region "$region" --vpc-id "$vpc" --vpc-region "$region" \
        --query "{VPCId: '$vpc', VPCRegion: '$region', HostedZoneSummaries: HostedZoneSummaries}"
    done
    array "$dir/route53-list-hosted-zones-by-vpc.json"
  fi
  run "$dir/route53-list-hosted-zones.json" route53 list-hosted-zones --region "$region" --hosted-zone-type PrivateHostedZone
  if [[ -f $dir/route53-list-hosted-zones.json ]]; then
    mkdir -p "$dir/route53-list-resource-record-sets.json.parts"
    n=0
    while read -r zone_id zone_name; do
      [[ -n $zone_id ]] || continue
      zone=$(printf '%s' "${zone_name%.}" | tr '[:upper:]' '[:lower:]')
      case $zone in
        amazonaws.com | *.amazonaws.com | amazonaws.com.cn | *.amazonaws.com.cn) ;;
        *) continue ;;
      esac
      zone_region=$(printf '%s\n' "$zone" | tr '.' '\n' | grep -E '^[a-z]{2}(-[a-z]+)+-[0-9]+$' | head -n 1 || true)
      [[ -z $zone_region || $zone_region == "$region" ]] || continue
      zone_id=${zone_id#/hostedzone/}
      n=$((n + 1))
      run "$dir/route53-list-resource-record-sets.json.parts/$(printf %06d $n).json" \
        route53 list-resource-record-sets --region "$region" --hosted-zone-id "$zone_id" \
        --query "{HostedZoneId: '$zone_id', ResourceRecordSets: ResourceRecordSets}"
    done < <(aws route53 list-hosted-zones --region "$region" --hosted-zone-type PrivateHostedZone --query 'HostedZones[].[Id, Name]' --output text)
    array "$dir/route53-list-resource-record-sets.json"
  fi

  run "$dir/route53resolver-list-resolver-rules.json" route53resolver list-resolver-rules --region "$region"
  run "$dir/route53resolver-list-resolver-rule-associations.json" route53resolver list-resolver-rule-associations --region "$region"
  run "$dir/route53profiles-list-profiles.json" route53profiles list-profiles --region "$region"
  run "$dir/route53profiles-list-profile-associations.json" route53profiles list-profile-associations --region "$region"
  if [[ -f $dir/route53profiles-list-profiles.json ]]; then
    mkdir -p "$dir/route53profiles-list-profile-resource-associations.json.parts"
    n=0
    # A Profile shared with the account is read by its owner.
    for profile in $(aws route53profiles list-profiles --region "$region" --query "ProfileSummaries[?ShareStatus!='SHARED_WITH_ME'].Id" --output text); do
      n=$((n + 1))
      run "$dir/route53profiles-list-profile-resource-associations.json.parts/$(printf %06d $n).json" \
        route53profiles list-profile-resource-associations --region "$region" --profile-id "$profile" \
        --query "{ProfileId: '$profile', ProfileResourceAssociations: ProfileResourceAssociations}"
    done
    array "$dir/route53profiles-list-profile-resource-associations.json"
  fi

  run "$dir/service-quotas-get-service-quota.json" \
    service-quotas get-service-quota --region "$region" --service-code ec2 --quota-code L-0263D0A3
  if [[ ! -f $dir/service-quotas-get-service-quota.json ]] && grep -q NoSuchResourceException "$dir/service-quotas-get-service-quota.error.txt"; then
    run "$dir/service-quotas-get-aws-default-service-quota.json" \
      service-quotas get-aws-default-service-quota --region "$region" --service-code ec2 --quota-code L-0263D0A3
  fi

  run "$dir/lambda-list-functions.json" lambda list-functions --region "$region"
  if [[ -f $dir/lambda-list-functions.json ]]; then
    run "$dir/resourcegroupstaggingapi-get-resources.json" \
      resourcegroupstaggingapi get-resources --region "$region" --resource-type-filters lambda:function
    # State, StateReasonCode and LastUpdateStatus of the VPC functions (list-functions does not return them).
    mkdir -p "$dir/lambda-get-function-configuration.json.parts"
    n=0
    for fn in $(aws ${endpoint[@]+"${endpoint[@]}"} lambda list-functions --region "$region" --query 'Functions[?VpcConfig.SubnetIds[0]].FunctionArn' --output text); do
      n=$((n + 1))
      part="$dir/lambda-get-function-configuration.json.parts/$(printf %06d $n).json"
      run "$part" lambda get-function-configuration --region "$region" --function-name "$fn"
      # A function deleted since list-functions is left out, not a gap.
      if grep -qs ResourceNotFoundException "${part%.json}.error.txt"; then rm -f "${part%.json}.error.txt"; fi
    done
    array "$dir/lambda-get-function-configuration.json"
  fi
done
echo "dump-aws-cli.sh: wrote $out; scan it with: kms-audit scan --aws-cli-dir $out" >&2
