// The AWS SDK warns once per process that its releases after January 2027 need Node 22; the project pins its SDK
// versions, so the notice says nothing about these tests and would repeat in every suite that loads a client.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] = "true";
