// A node --test reporter that keeps what each test file wrote (stderr and stdout), by file, as
// JSON: node's JUnit reporter says only "test failed" of a file that failed before its tests
// ran, and the cause (a missing module, an error at the top) is in that output.
export default async function* outputByFile(source) {
  const output = {};
  for await (const event of source) {
    if (event.type === "test:stderr" || event.type === "test:stdout") {
      const file = event.data.file ?? "";
      output[file] = ((output[file] ?? "") + event.data.message).slice(-8000);
    }
  }
  yield JSON.stringify(output);
}
