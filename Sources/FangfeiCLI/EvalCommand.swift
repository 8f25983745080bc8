import ArgumentParser
import Fangfei
import Foundation

struct EvalCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "eval",
    abstract: "Measures the rule pack on labelled JSON Lines: precision, recall, per-rule hits, false positives.",
    discussion: """
      Each line of a FILE is a JSON object with a string "text", a string "label", an optional "id" \
      (string or number; default FILE:LINE) and an optional "category" (string or null). Rows labelled \
      'scam' (or a --positive label) are positive, every other label (ham, benign, spam, …) negative; a \
      row is flagged when its level is not clean. --split even|odd keeps the rows whose id ends in an \
      even or odd digit; rows whose id does not end in a digit are in neither half. Exit status: 0 on \
      success, 2 on a usage, rule or input error (a one-line message names FILE:LINE).
      """
  )

  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, json
  }

  enum Split: String, ExpressibleByArgument, CaseIterable {
    case even, odd

    var split: EvaluationSplit {
      switch self {
      case .even: .even
      case .odd: .odd
      }
    }
  }

  @Argument(help: ArgumentHelp("Labelled JSON Lines files ('-': standard input).", valueName: "file"))
  var files: [String]

  @Option(
    name: .customLong("positive"),
    help: ArgumentHelp("A label that counts as positive (repeatable; default: scam).", valueName: "label"))
  var positive: [String] = []

  @Option(help: "Keep only the rows whose id ends in an even or an odd digit.")
  var split: Split?

  @Option(help: "Output format: text or json (one JSON document with every false positive and miss).")
  var format: Format = .text

  @Option(help: ArgumentHelp("How many false positives and misses the text format prints.", valueName: "n"))
  var show = 20

  @OptionGroup var pack: PackOptions

  func validate() throws {
    if show < 0 { throw ValidationError("--show must be 0 or more") }
  }

  func run() throws {
    let classifier = try pack.classifier()
    var rows: [LabeledMessage] = []
    for name in files {
      do {
        if name == "-" {
          rows += try LabeledMessageReader.read(FileHandle.standardInput.readDataToEndOfFile(), file: "<stdin>")
        } else {
          rows += try LabeledMessageReader.read(path: name)
        }
      } catch {
        Console.error(error.description)
        throw ExitCode(2)
      }
    }
    if let split { rows = split.split.filter(rows) }
    let evaluator = Evaluator(
      classifier: classifier, positiveLabels: positive.isEmpty ? ["scam"] : Set(positive))
    let report = evaluator.evaluate(rows)

    switch format {
    case .text:
      var header = "fangfei eval: \(files.joined(separator: " "))"
      if let split { header += " (split \(split.rawValue))" }
      write(header + "\n" + report.text(showing: show))
    case .json:
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
      do {
        write(String(decoding: try encoder.encode(report), as: UTF8.self) + "\n")
      } catch {
        Console.error("cannot encode the report: \(error)")
        throw ExitCode(2)
      }
    }
  }

  private func write(_ text: String) {
    FileHandle.standardOutput.write(Data(text.utf8))
  }
}
