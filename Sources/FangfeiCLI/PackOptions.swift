import ArgumentParser
import Fangfei
import Foundation

/// `--rules PATH`, shared by the commands that load a pack.
struct PackOptions: ParsableArguments {
  @Option(
    name: .customLong("rules"),
    help: ArgumentHelp("A rule file or directory to use instead of the bundled pack (repeatable).", valueName: "path"))
  var rules: [String] = []

  /// Loads the pack, or prints its errors (one a line, `path:line:column: error: …`) and exits 2.
  /// `jitAtLoad` as in ``ClassifierOptions/jitAtLoad``.
  func classifier(jitAtLoad: Bool = true) throws -> Classifier {
    try load(paths: rules, options: ClassifierOptions(jitAtLoad: jitAtLoad))
  }

  /// Loads the pack again, for a worker thread of its own; nil (and no message) when that fails,
  /// e.g. because a rule file changed since the first load.
  func quietClassifier() -> Classifier? {
    rules.isEmpty ? try? Classifier() : try? Classifier(rules: rules.map { URL(fileURLWithPath: $0) })
  }
}

/// Loads the bundled pack (no paths) or the given files and directories; on failure prints the
/// errors to standard error and exits with status 2.
func load(paths: [String], options: ClassifierOptions = .init()) throws -> Classifier {
  do {
    return paths.isEmpty
      ? try Classifier(options: options)
      : try Classifier(rules: paths.map { URL(fileURLWithPath: $0) }, options: options)
  } catch {
    for d in error.errors { FileHandle.standardError.write(Data("\(d)\n".utf8)) }
    let n = error.errors.count
    Console.error("the rule pack has \(n) error\(n == 1 ? "" : "s"); run 'fangfei lint' for every diagnostic")
    throw ExitCode(2)
  }
}

/// The bundled reporting contacts and the entry for `city` (nil when no city is given); a
/// missing city or a damaged table is a message on standard error and exit status 2.
func reportingContacts(city: String?) throws -> (directory: ContactDirectory, place: Contact?) {
  do {
    let contacts = try ContactDirectory.bundled()
    let place = try city.map { name throws(ContactDirectory.Problem) in try contacts.place(named: name) }
    return (contacts, place)
  } catch {
    Console.error(error.description)
    throw ExitCode(2)
  }
}
