import Foundation

/// The result of running the `fangfei` executable.
struct Run {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// The built `fangfei` executable: next to the test bundle in the build products directory.
let fangfeiExecutable: URL = {
  let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
    "fangfei")
  if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
  // Fallback: the package's default debug build directory.
  return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent(".build/debug/fangfei")
}()

/// The package's root directory (for corpus samples and rules).
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// Runs `fangfei` with `arguments`, feeding `input` on standard input, from `directory`.
func fangfei(_ arguments: [String], input: String = "", environment: [String: String] = [:], directory: URL? = nil)
  throws -> Run
{
  let process = Process()
  process.executableURL = fangfeiExecutable
  process.arguments = arguments
  if let directory { process.currentDirectoryURL = directory }
  var env = ProcessInfo.processInfo.environment
  for (k, v) in environment { env[k] = v }
  process.environment = env
  let stdin = Pipe()
  let stdout = Pipe()
  let stderr = Pipe()
  process.standardInput = stdin
  process.standardOutput = stdout
  process.standardError = stderr
  try process.run()
  // Read both pipes concurrently so that neither fills up and blocks the child.
  let group = DispatchGroup()
  nonisolated(unsafe) var out = Data()
  nonisolated(unsafe) var err = Data()
  DispatchQueue.global().async(group: group) { out = stdout.fileHandleForReading.readDataToEndOfFile() }
  DispatchQueue.global().async(group: group) { err = stderr.fileHandleForReading.readDataToEndOfFile() }
  stdin.fileHandleForWriting.write(Data(input.utf8))
  try stdin.fileHandleForWriting.close()
  process.waitUntilExit()
  group.wait()
  return Run(
    status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
    stderr: String(decoding: err, as: UTF8.self))
}

/// The JSON objects of a JSON Lines output.
func jsonLines(_ text: String) throws -> [[String: Any]] {
  try text.split(separator: "\n").map {
    guard let o = try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] else {
      throw CocoaError(.coderReadCorrupt)
    }
    return o
  }
}
