/// Failures of the stage runtime that an operator can act on.
package enum StageError: Error, Sendable, CustomStringConvertible, Equatable {
    /// A topic the stage needs does not exist (run `syncctl topics apply`).
    case missingTopic(String)
    /// A table did not catch up in time (Kafka unreachable or very slow).
    case catchUpTimedOut(String)
    /// A required setting is missing or invalid.
    case configuration(String)
    /// A stage (or another part of the process) ended although no stop was asked for.
    case stoppedUnexpectedly(String)
    /// A part of the process hit an error it cannot continue after (a fatal Kafka client error, a
    /// table reader that stopped): the process exits 1 and its orchestrator restarts it.
    case cannotContinue(part: String, reason: String)

    /// A one-line explanation.
    package var description: String {
        switch self {
        case .missingTopic(let topic): "topic \(topic) does not exist (create it with `syncctl topics apply`)"
        case .catchUpTimedOut(let topic): "could not read \(topic) to its end in time (is Kafka reachable?)"
        case .configuration(let message): message
        case .stoppedUnexpectedly(let part): "\(part) stopped although no stop was asked for"
        case .cannotContinue(let part, let reason): "\(part) cannot continue: \(reason)"
        }
    }
}
