import Fangfei
import FangfeiText
import Foundation

// fangfei-bench [--no-prefilter] [--rules PATH] FILE
// fangfei-bench --normalize-only FILE      (normalisation alone: MB/s over the lines of FILE)
// FANGFEI_PROFILE_RULES=1 fangfei-bench FILE (per-rule pattern runs and time, on stderr)
//
// Classifies every line of FILE as one message with the bundled pack (normalise, prefilter,
// match, score; no output) and prints the perf harness's line
//   RESULT hits=<(line, rule) hits> lines=<lines with a hit> scan_s=<seconds>
// timed with its own monotonic clock around the scan only (the file is read and the pack loaded
// and JIT-compiled before the clock starts). Extra keys: flagged=<lines not clean>,
// load_ms=<load + JIT of the pack>, load_faults=<minor page faults while loading>, rules=<rules>,
// mb_s=<MB/s>.

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

/// Minor page faults of the process so far (each costs this machine microseconds).
func minorFaults() -> Int {
  var usage = rusage()
  return getrusage(RUSAGE_SELF.rawValue, &usage) == 0 ? usage.ru_minflt : 0
}

let faultsBeforeLoad = minorFaults()
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
let loadFaults = minorFaults() - faultsBeforeLoad

if ProcessInfo.processInfo.environment["FANGFEI_PROFILE_RULES"] != nil {
  profileRules(classifier: classifier, lines: lines)
  exit(0)
}

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
  "RESULT hits=\(hits) lines=\(hitLines) scan_s=\(scan) flagged=\(flagged) load_ms=\(seconds(loadTime) * 1000) load_faults=\(loadFaults) rules=\(classifier.ruleNames.count) mb_s=\(mbs)"
)

/// Per-rule cost (FANGFEI_PROFILE_RULES=1): how often the prefilter lets each rule's patterns
/// run, how long they take in total, and how often they match; the 25 costliest, on stderr.
func profileRules(classifier: Classifier, lines: [String]) {
  let pack = classifier.pack
  let prefilter = Prefilter(checked: pack.checked)
  guard let normalizer = try? Normalizer() else { return }
  let scratch = MatchScratch()
  var runs = [Int](repeating: 0, count: pack.patterns.count)
  var matched = [Int](repeating: 0, count: pack.patterns.count)
  var time = [Duration](repeating: .zero, count: pack.patterns.count)
  var candidates: [Bool] = []
  var groups: [UInt16] = []
  var units: [Int] = []
  var places: [Prefilter.Place] = []
  let clock = ContinuousClock()
  // JIT-compile every pattern first (a pack compiles them lazily), so that only matching is timed.
  let jitStart = clock.now
  for patterns in pack.patterns { for p in patterns { _ = try? p.firstMatch(in: "", scratch: scratch) } }
  let jitTime = clock.now - jitStart
  // The prefilter alone, over the normalised lines.
  let normalizedLines = lines.map { Array(normalizer.normalize($0).text.utf8) }
  var marked = 0
  let prefilterTime = clock.measure {
    for bytes in normalizedLines {
      bytes.withUnsafeBufferPointer { if prefilter.mark($0, into: &candidates, scratch: &groups) { marked += 1 } }
    }
  }
  for line in lines {
    let normalized = normalizer.normalize(line)
    normalized.withUTF8 { bytes in
      guard prefilter.mark(bytes, into: &candidates, units: &units, places: &places, scratch: &groups) else { return }
      for (r, patterns) in pack.patterns.enumerated() {
        for (i, pattern) in patterns.enumerated() where candidates[pack.patternOffsets[r] + i] {
          let u = pack.patternOffsets[r] + i
          let unitPlaces = prefilter.hasPrefixes[u] ? ArraySlice(places.filter { $0 >> 32 == u }) : nil
          let start = clock.now
          var n = 0
          try? pattern.forEachMatch(in: bytes, places: unitPlaces, scratch: scratch) { _ in n += 1 }
          time[r] += clock.now - start
          runs[r] += 1
          if n > 0 { matched[r] += 1 }
        }
      }
    }
  }
  let total = time.reduce(Duration.zero, +)
  var report = "JIT of every rule pattern (done lazily in normal use): \(seconds(jitTime) * 1000) ms\n"
  report +=
    "prefilter: \(prefilter.literalCount) keys, \(prefilter.stateCount) states (\(prefilter.denseStateCount) dense), "
  report += "\(prefilter.alwaysRun.count) always-run, \(prefilter.hasPrefixes.filter { $0 }.count) with prefixes; "
  report += "scan alone \(seconds(prefilterTime)) s, \(marked) lines marked\n"
  report += "total pattern time \(seconds(total)) s, runs \(runs.reduce(0, +)), lines \(lines.count)\n"
  for r in time.indices.sorted(by: { time[$0] > time[$1] }).prefix(25) {
    report += "\(r)\t\(pack.checked.rules[r].name)\truns=\(runs[r])\tmatched=\(matched[r])"
    report += "\tms=\(seconds(time[r]) * 1000)\n"
  }
  FileHandle.standardError.write(Data(report.utf8))
}
