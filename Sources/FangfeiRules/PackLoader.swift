import Foundation

/// Reads rule files from disk: single files and directories (recursively, every `*.rules`
/// file, in a stable order), then parses and checks them as one pack.
package enum PackLoader {
  /// One rule file's path (for messages) and text.
  package struct SourceFile: Sendable {
    package var path: String
    package var text: String
    package init(path: String, text: String) {
      self.path = path
      self.text = text
    }
  }

  /// Lists the rule files under `paths`: a file is taken as is, a directory contributes its
  /// `*.rules` files sorted by path. Missing paths and unreadable files are diagnostics.
  package static func read(_ paths: [String]) -> ([SourceFile], [Diagnostic]) {
    var files: [SourceFile] = []
    var diags: [Diagnostic] = []
    let fm = FileManager.default
    func load(_ path: String) {
      guard let data = fm.contents(atPath: path) else {
        diags.append(Diagnostic(.error, SourceLocation(file: path, line: 1, column: 1), "cannot read the file"))
        return
      }
      guard let text = String(data: data, encoding: .utf8) else {
        diags.append(Diagnostic(.error, SourceLocation(file: path, line: 1, column: 1), "the file is not valid UTF-8"))
        return
      }
      files.append(SourceFile(path: path, text: text))
    }
    for path in paths {
      var isDirectory: ObjCBool = false
      guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
        diags.append(Diagnostic(.error, SourceLocation(file: path, line: 1, column: 1), "no such file or directory"))
        continue
      }
      if !isDirectory.boolValue {
        load(path)
        continue
      }
      guard let walker = fm.enumerator(atPath: path) else {
        diags.append(Diagnostic(.error, SourceLocation(file: path, line: 1, column: 1), "cannot list the directory"))
        continue
      }
      var found: [String] = []
      while let item = walker.nextObject() as? String {
        if item.hasSuffix(".rules") { found.append(item) }
      }
      if found.isEmpty {
        diags.append(
          Diagnostic(.warning, SourceLocation(file: path, line: 1, column: 1), "the directory has no *.rules files"))
      }
      let base = path.hasSuffix("/") ? path : path + "/"
      for item in found.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }) {
        load(base + item)
      }
    }
    return (files, diags)
  }

  /// Parses and checks source files as one pack; nil when there is an error.
  package static func check(_ sources: [SourceFile]) -> (CheckedPack?, [Diagnostic]) {
    let (pack, all) = checkAll(sources)
    if all.contains(where: { $0.severity == .error }) { return (nil, all) }
    return (pack, all)
  }

  /// Parses and checks source files as one pack, returning what could be checked even when
  /// there are errors (so that the patterns can still be compiled for their diagnostics).
  package static func checkAll(_ sources: [SourceFile]) -> (CheckedPack?, [Diagnostic]) {
    let (asts, diags) = parseAll(sources)
    return checkAll(asts, parseDiagnostics: diags)
  }

  /// Parses source files (the first half of ``checkAll(_:)``).
  package static func parseAll(_ sources: [SourceFile]) -> ([RuleFileAST], [Diagnostic]) {
    var asts: [RuleFileAST] = []
    var diags: [Diagnostic] = []
    for source in sources {
      let (ast, d) = RuleFileParser.parse(source.text, path: source.path)
      asts.append(ast)
      diags.append(contentsOf: d)
    }
    return (asts, diags)
  }

  /// Checks parsed files as one pack (the second half of ``checkAll(_:)``); the diagnostics
  /// returned include `parseDiagnostics`, sorted. With `analyseLiterals` false the pack's
  /// rules have no prefilter literals yet (``PackChecker/analyseLiterals(_:)`` adds them).
  package static func checkAll(_ asts: [RuleFileAST], parseDiagnostics: [Diagnostic], analyseLiterals: Bool = true)
    -> (CheckedPack?, [Diagnostic])
  {
    var (pack, more) = PackChecker.check(asts)
    if analyseLiterals, var checked = pack, !more.contains(where: { $0.severity == .error }) {
      more += PackChecker.analyseLiterals(&checked)
      pack = checked
    }
    let all = (parseDiagnostics + more).sorted { ($0.location, $0.message) < ($1.location, $1.message) }
    return (pack, all)
  }
}
