import ArgumentParser
import Fangfei
import FangfeiOCR
import Foundation

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Classifies messages and explains each verdict with the words that gave it away.",
    discussion: """
      Reads standard input when no file (or '-') is given. By default each input is one message; \
      --lines makes each line a message (id = its 1-based line number, or FILE:LINE with several \
      files); --jsonl reads one JSON object per line with a "text" field and echoes its "id". \
      Exit status: 0 when nothing was flagged, 1 when something was, 2 on usage, rule or input errors.
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json, jsonl, html
  }

  @Argument(help: ArgumentHelp("Input files ('-' or none: standard input).", valueName: "file"))
  var files: [String] = []

  @Option(
    name: .customLong("image"),
    help: ArgumentHelp(
      "A photo of a flyer (PNG, JPEG, WebP, …; '-': standard input) to read with OCR and classify (repeatable). Prints the text read and the verdict; --format json gives {\"ocr\":{\"text\",\"confidence\"},\"retake\",\"verdict\"}. Exit status 3 when nothing was flagged but a photo is too unclear to read (retake: true, no verdict); 1 and 2 win over 3. --summary adds each photo's OCR time and confidence on standard error.",
      valueName: "file"))
  var images: [String] = []

  @Flag(help: "Each line of the input is one message.")
  var lines = false

  @Flag(help: "Each line of the input is a JSON object with a \"text\" field (and optionally \"id\").")
  var jsonl = false

  @Option(
    help:
      "Output format: text, json (one object, or an array for several messages), jsonl (one verdict a line), or html (with --report, one message)."
  )
  var format: Format = .text

  @Option(name: [.customLong("language"), .customLong("lang")], help: "Language of descriptions: zh or en.")
  var language: Language = .zh

  @OptionGroup var pack: PackOptions

  @Option(
    help: ArgumentHelp(
      "Worker threads for --lines and --jsonl (default: the number of active processors). The output is the same, in input order, with any number.",
      valueName: "n"))
  var jobs: Int?

  @Flag(help: "Never show the live progress line (shown by default when standard error is a terminal).")
  var noProgress = false

  @Flag(
    help:
      "The grid worker's answer instead of the verdict: a red/yellow/green answer in plain words, the quotes, the legal elements, what to do next and whom to call."
  )
  var report = false

  @Option(help: "With --report: the city or prefecture whose reporting contact to show (e.g. 武汉 or 武汉市).")
  var city: String?

  @Flag(help: "Print a one-line summary on standard error at the end.")
  var summary = false

  @Flag(help: "Treat invalid UTF-8 as an input error (default: replace it with U+FFFD and warn once per file).")
  var strictUTF8 = false

  func validate() throws {
    if lines && jsonl { throw ValidationError("--lines and --jsonl cannot be used together") }
    if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    if format == .html && !report { throw ValidationError("--format html needs --report") }
    if format == .html && (lines || jsonl || files.count > 1) {
      throw ValidationError("--format html shows one message: drop --lines/--jsonl and give one input")
    }
    if city != nil && !report { throw ValidationError("--city goes with --report") }
    if !images.isEmpty && (!files.isEmpty || lines || jsonl || report) {
      throw ValidationError("--image cannot be combined with input files, --lines, --jsonl or --report")
    }
  }

  func run() throws {
    let inputs = files.isEmpty ? ["-"] : files
    let batch = lines || jsonl || inputs.count > 1
    // One message runs a few patterns: JIT-compile only those, when they run.
    let classifier = try pack.classifier(jitAtLoad: batch)
    if !images.isEmpty { return try checkImages(with: classifier) }
    var output = OutputWriter(format: format, batch: batch, color: Console.colorOut)
    if report {
      let (contacts, place) = try reportingContacts(city: city)
      let lang = language
      output.gridReport = { verdict, _ in
        classifier.report(for: verdict, city: place, national: contacts.national, language: lang)
      }
    }
    var inputError = false
    var progress = Progress(
      live: !noProgress && isatty(STDERR_FILENO) == 1, totalBytes: Progress.size(of: inputs))
    let pipeline = LinePipeline(
      classifier: classifier, language: language, format: format, color: output.color, jsonl: jsonl,
      strictUTF8: strictUTF8, severalInputs: inputs.count > 1, gridReport: output.gridReport)
    // One job: every block is processed on this thread. More: `jobs` threads process them while
    // this one reads ahead (a bounded number of blocks) and writes the results in order.
    let jobs = self.jobs ?? max(1, ProcessInfo.processInfo.activeProcessorCount)
    let pack = self.pack
    let pool =
      (lines || jsonl) && jobs > 1
      ? WorkerPool(workers: jobs, pipeline: pipeline, separateClassifier: { pack.quietClassifier() }) : nil
    defer { pool?.close() }
    var submitted = 0
    var written = 0
    var warnedUTF8: Set<Int> = []
    func emit(_ r: LinePipeline.Result, input: Int) {
      for note in r.notes {
        if note.isUTF8Warning {
          guard warnedUTF8.insert(input).inserted else { continue }
        }
        Console.error(note.message)
      }
      if r.inputError { inputError = true }
      output.write(bytes: r.output, messages: r.messages)
      progress.add(messages: r.messages, bytes: r.bytes, flagged: r.flagged)
    }
    var inputOfBlock: [Int: Int] = [:]
    func drain(until limit: Int) {
      while written < submitted, let pool {
        let mustWait = submitted - written > limit
        guard let r = pool.result(written, wait: mustWait) else { return }
        emit(r, input: inputOfBlock.removeValue(forKey: written) ?? -1)
        written += 1
      }
    }
    var messagesBefore = 0

    for (inputNumber, name) in inputs.enumerated() {
      let fd: Int32
      if name == "-" {
        fd = STDIN_FILENO
      } else {
        fd = open(name, O_RDONLY)
        if fd < 0 {
          Console.error("\(name): cannot open: \(String(cString: strerror(errno)))")
          inputError = true
          continue
        }
      }
      defer { if fd != STDIN_FILENO { close(fd) } }
      let display = name == "-" ? "<stdin>" : name

      if !lines && !jsonl {
        var bytes = InputFile.readAll(fd)
        let size = bytes.count
        let (text, replaced) = UTF8Input.decode(bytes)
        bytes = []  // the text has its own copy: hold a huge message once, not twice
        if replaced, strictUTF8 {
          Console.error("\(display): invalid UTF-8")
          inputError = true
          continue
        }
        if replaced {
          Console.error("\(display): invalid UTF-8 replaced by U+FFFD (further ones in this file are not reported)")
        }
        let id = inputs.count > 1 ? display : nil
        let verdict = classifier.classify(text, id: id, language: language)
        progress.add(messages: 1, bytes: size + 1, flagged: verdict.isFlagged ? 1 : 0)
        output.write(verdict, text: text)
        continue
      }
      var reader = ChunkReader(fd: fd, target: pool == nil ? 1 << 18 : 1 << 16)
      var lineNumber = 1
      while let (bytes, count) = reader.next() {
        let chunk = LinePipeline.Chunk(
          bytes: bytes, firstLine: lineNumber, firstIndex: messagesBefore, display: display)
        lineNumber += count
        messagesBefore += count
        if let pool {
          inputOfBlock[submitted] = inputNumber
          pool.submit(submitted, chunk)
          submitted += 1
          drain(until: 4 * jobs)
        } else {
          emit(pipeline.process(chunk), input: inputNumber)
        }
      }
    }
    drain(until: 0)
    output.finish()
    progress.finish(summary: summary)
    if inputError { throw ExitCode(2) }
    if progress.flagged > 0 { throw ExitCode(1) }
  }
}

/// A JSON string literal.
func jsonString(_ s: String) -> String {
  var out = ""
  JSONReport.appendString(s, to: &out)
  return out
}

/// One `--jsonl` input line.
enum JSONLInput {
  struct Problem: Error {
    var message: String
  }

  /// Parses a line: a JSON object with a string `text` and an optional string or number `id`.
  static func parse(_ bytes: ArraySlice<UInt8>) -> Result<JSONMessage, Problem> {
    do {
      return .success(try JSONDecoder().decode(JSONMessage.self, from: Data(bytes)))
    } catch DecodingError.keyNotFound(let key, _) where key.stringValue == "text" {
      return .failure(Problem(message: "no \"text\" field"))
    } catch DecodingError.typeMismatch(_, let context) {
      let field = context.codingPath.first?.stringValue ?? "the line"
      return .failure(
        Problem(message: field == "the line" ? "not a JSON object" : "\"\(field)\" has the wrong type"))
    } catch DecodingError.valueNotFound(_, let context) {
      return .failure(Problem(message: "\"\(context.codingPath.first?.stringValue ?? "text")\" is null"))
    } catch {
      return .failure(Problem(message: "not valid JSON"))
    }
  }
}

/// Writes verdicts in the chosen format, buffered (as UTF-8 bytes).
struct OutputWriter {
  let format: CheckCommand.Format
  let batch: Bool
  let color: Bool
  let report: TextReport
  /// With `--report`: turns a verdict and its message into the grid worker's answer.
  var gridReport: (@Sendable (Verdict, String) -> GridReport)?
  /// Whether a full buffer goes to standard output (else it stays for ``takeBytes()``).
  private let toStandardOutput: Bool
  private var buffer: [UInt8] = []
  private var count: Int

  /// - Parameters:
  ///   - count: Messages written before (by other writers) into the same output.
  ///   - toStandardOutput: false to collect the output for ``takeBytes()`` instead.
  init(format: CheckCommand.Format, batch: Bool, color: Bool, count: Int = 0, toStandardOutput: Bool = true) {
    self.format = format
    self.batch = batch
    self.color = color
    self.count = count
    self.toStandardOutput = toStandardOutput
    report = TextReport(color: color && format == .text)
  }

  /// The bytes collected so far (for a writer not writing to standard output).
  mutating func takeBytes() -> [UInt8] {
    defer { buffer = [] }
    return buffer
  }

  /// Writes `bytes` that another writer produced for the next `messages` messages.
  mutating func write(bytes: [UInt8], messages: Int) {
    count += messages
    guard !bytes.isEmpty else { return }
    if !buffer.isEmpty { flush() }
    FileHandle.standardOutput.write(Data(bytes))
  }

  mutating func write(_ verdict: Verdict, rawID: String? = nil, text: String) {
    if let gridReport {
      writeReport(gridReport(verdict, text), text: text, rawID: rawID)
      return
    }
    switch format {
    case .text:
      append(batch ? report.line(verdict) + "\n" : report.report(verdict))
    case .jsonl:
      JSONReport.append(verdict, rawID: rawID, to: &buffer)
      buffer.append(UInt8(ascii: "\n"))
    case .json, .html:
      if batch { append(count == 0 ? "[\n" : ",\n") }
      JSONReport.append(verdict, rawID: rawID, to: &buffer)
      if !batch { buffer.append(UInt8(ascii: "\n")) }
    }
    count += 1
    if toStandardOutput, buffer.count > 1 << 16 { flush() }
  }

  private mutating func writeReport(_ r: GridReport, text: String, rawID: String?) {
    switch format {
    case .text:
      if batch { append(count == 0 ? "" : "\n" + String(repeating: "─", count: 30) + "\n") }
      if batch, let id = r.id { append("#\(id)\n") }
      append(report.gridReport(r))
    case .html:
      append(HTMLReport.page(r, text: text))
    case .json, .jsonl:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.withoutEscapingSlashes]
      if format == .json, batch { append(count == 0 ? "[\n" : ",\n") }
      if let line = try? encoder.encode(r) { buffer.append(contentsOf: line) } else { append("{}") }
      if format == .jsonl || !batch { append("\n") }
    }
    count += 1
    if toStandardOutput, buffer.count > 1 << 16 { flush() }
  }

  mutating func writeError(_ message: String, rawID: String) {
    switch format {
    case .text:
      append("\(rawID)\terror\t\(message)\n")
    case .json, .jsonl, .html:
      if format == .json { append(count == 0 ? "[\n" : ",\n") }
      append("{\"id\":\(rawID),\"error\":\(jsonString(message))}")
      if format == .jsonl { append("\n") }
    }
    count += 1
  }

  mutating func finish() {
    if format == .json, batch { append(count == 0 ? "[]\n" : "\n]\n") }
    flush()
  }

  private mutating func append(_ s: String) {
    var s = s
    s.withUTF8 { buffer.append(contentsOf: $0) }
  }

  private mutating func flush() {
    FileHandle.standardOutput.write(Data(buffer))
    buffer.removeAll(keepingCapacity: true)
  }
}

extension Language: ExpressibleByArgument {}

extension CheckCommand {
  /// `--image`: reads each photo with OCR and prints the text and the verdict (or the retake
  /// request). Exits 2 when a file cannot be read or is not an image, else 1 when something was
  /// flagged, else 3 when a photo must be taken again, else 0.
  func checkImages(with classifier: Classifier) throws {
    let reader: FlyerReader
    do {
      reader = try FlyerReader()
    } catch {
      Console.error(error.description)
      throw ExitCode(2)
    }
    let several = images.count > 1
    let text = TextReport(color: Console.colorOut && format == .text)
    var (failed, flagged, retake) = (false, false, false)
    var outputs: [String] = []
    for name in images {
      let readingBefore = summary ? reader.statistics.readingSeconds : 0
      func fail(_ message: String) {
        Console.error("\(name): \(message)")
        failed = true
        if format != .text { outputs.append("{\"id\":\(jsonString(name)),\"error\":\(jsonString(message))}") }
      }
      let fd = name == "-" ? STDIN_FILENO : open(name, O_RDONLY)
      guard fd >= 0 else {
        fail("cannot open: \(String(cString: strerror(errno)))")
        continue
      }
      let bytes = InputFile.readAll(fd)
      if fd != STDIN_FILENO { close(fd) }
      let check: ImageCheck
      do {
        check = try reader.check(bytes, with: classifier, id: several ? name : nil, language: language)
      } catch {
        fail(error.description)
        continue
      }
      if summary {
        let time = String(format: "%.2f", reader.statistics.readingSeconds - readingBefore)
        Console.error("\(name): OCR \(time) s, confidence \(check.ocr.confidence)")
      }
      flagged = flagged || check.verdict?.isFlagged == true
      retake = retake || check.retake
      switch format {
      case .text:
        var out = several ? "== \(name)\n" : ""
        out += "OCR (confidence \(Int(check.ocr.confidence.rounded()))):\n\(check.ocr.text)\n\n"
        if let verdict = check.verdict {
          out += text.report(verdict)
        } else {
          out += "retake  请重拍：照片不够清晰，无法可靠识别 / the photo is too unclear to read "
          out += "(confidence below \(Int(FlyerReader.defaultMinimumConfidence))): "
          out += "take it again, closer, in focus and in even light\n"
        }
        outputs.append(out)
      case .json, .jsonl, .html:
        outputs.append(check.jsonLine)
      }
    }
    if summary {
      let s = reader.statistics
      Console.error(
        "\(images.count) images, model loaded in \(String(format: "%.2f", s.modelLoadSeconds)) s, read in \(String(format: "%.2f", s.readingSeconds)) s"
      )
    }
    let body: String
    switch format {
    case .text: body = outputs.joined(separator: "\n")
    case .json where several: body = "[\n" + outputs.joined(separator: ",\n") + "\n]\n"
    default: body = outputs.map { $0 + "\n" }.joined()
    }
    FileHandle.standardOutput.write(Data(body.utf8))
    if failed { throw ExitCode(2) }
    if flagged { throw ExitCode(1) }
    if retake { throw ExitCode(3) }
  }
}
