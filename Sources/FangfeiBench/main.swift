import Fangfei
import FangfeiText
import Foundation

// fangfei-bench [--no-prefilter] [--rules PATH] FILE
// fangfei-bench --normalize-only FILE      (normalisation alone: MB/s over the lines of FILE)
//
// Classifies every line of FILE as one message with the bundled pack (normalise, prefilter,
// match, score; no output) and prints the perf harness's line
//   RESULT hits=<(line, rule) hits> lines=<lines with a hit> scan_s=<seconds>
// timed with its own monotonic clock around the scan only (the file is read and the pack loaded
// and JIT-compiled before the clock starts). Extra keys: flagged=<lines not clean>,
// load_ms=<load + JIT of the pack>, rules=<rules>, mb_s=<MB/s>.

var arguments = Array(CommandLine.arguments.dropFirst())
var usePrefilter = true
var normalizeOnly = false
if let i = arguments.firstIndex(of: "--normalize-only") {
  normalizeOnly = true
  arguments.remove(at: i)
}
var rulePaths: [String] = []
if let i = arguments.firstIndex(of: "--no-prefilter") {
  usePrefilter = false
  arguments.remove(at: i)
}
while let i = arguments.firstIndex(of: "--rules"), i + 1 < arguments.count {
  rulePaths.append(arguments[i + 1])
  arguments.removeSubrange(i...(i + 1))
}
guard let path = arguments.last, arguments.count == 1 else {
  FileHandle.standardError.write(Data("usage: fangfei-bench [--no-prefilter] [--rules PATH] FILE\n".utf8))
  exit(2)
}
guard let data = FileManager.default.contents(atPath: path) else {
  FileHandle.standardError.write(Data("fangfei-bench: cannot read \(path)\n".utf8))
  exit(2)
}
let text = String(decoding: data, as: UTF8.self)
var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
if lines.last == "" { lines.removeLast() }

let clock = ContinuousClock()
func seconds(_ d: Duration) -> Double {
  Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

if normalizeOnly {
  let setupStart = clock.now
  let normalizer: Normalizer
  do {
    normalizer = try Normalizer()
  } catch {
    FileHandle.standardError.write(Data("fangfei-bench: \(error)\n".utf8))
    exit(2)
  }
  let setup = clock.now - setupStart
  var changed = 0
  var outputBytes = 0
  let elapsed = clock.measure {
    for line in lines {
      let n = normalizer.normalize(line)
      if !n.isIdentity { changed += 1 }
      outputBytes += n.utf8Count
    }
  }
  let scan = seconds(elapsed)
  print(
    "RESULT hits=0 lines=\(changed) scan_s=\(scan) mb_s=\(scan > 0 ? Double(data.count) / 1e6 / scan : 0) changed_lines=\(changed) output_bytes=\(outputBytes) init_ms=\(seconds(setup) * 1000)"
  )
  exit(0)
}

let loadStart = clock.now
let classifier: Classifier
do {
  let options = ClassifierOptions(usePrefilter: usePrefilter)
  classifier =
    rulePaths.isEmpty
    ? try Classifier(options: options)
    : try Classifier(rules: rulePaths.map { URL(fileURLWithPath: $0) }, options: options)
} catch {
  FileHandle.standardError.write(Data("fangfei-bench: \(error)\n".utf8))
  exit(2)
}
let loadTime = clock.now - loadStart

var hits = 0
var hitLines = 0
var flagged = 0
let elapsed = clock.measure {
  for line in lines {
    let verdict = classifier.classify(line)
    let n = verdict.hits.count
    hits += n
    if n > 0 { hitLines += 1 }
    if verdict.isFlagged { flagged += 1 }
  }
}

let scan = seconds(elapsed)
let mbs = scan > 0 ? Double(data.count) / 1e6 / scan : 0
print(
  "RESULT hits=\(hits) lines=\(hitLines) scan_s=\(scan) flagged=\(flagged) load_ms=\(seconds(loadTime) * 1000) rules=\(classifier.ruleNames.count) mb_s=\(mbs)"
)
