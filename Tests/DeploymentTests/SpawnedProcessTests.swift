import Foundation
import ProcessSupport
import Testing

/// The spawner every tool and test uses instead of `Foundation.Process` (whose Linux `run()` can
/// crash a parent with many open descriptors): streams, exit codes, signals, descriptors.
@Suite("Spawned processes")
struct SpawnedProcessTests {
    @Test("stdout and stderr are captured, stdin is fed, the exit code comes back")
    func captureAndExitCode() async throws {
        let (status, output) = try await SpawnedProcess.run(
            "/bin/sh", ["-c", "read line; echo \"out:$line\"; echo err >&2; exit 3"], input: Data("hello\n".utf8))
        #expect(status == 3)
        #expect(output.contains("out:hello"))
        #expect(output.contains("err"))
    }

    @Test("the environment given is the child's whole environment")
    func environment() async throws {
        let (status, output) = try await SpawnedProcess.run("/usr/bin/env", [], environment: ["ONLY_THIS": "1"])
        #expect(status == 0)
        #expect(output.split(separator: "\n") == ["ONLY_THIS=1"])
    }

    @Test("a signal ends the child and is reported as its status; signals to an ended child go nowhere")
    func signals() async throws {
        let child = try SpawnedProcess(executable: "/bin/sleep", arguments: ["600"])
        #expect(child.isRunning)
        child.send(SIGTERM)
        let status = try await child.waitForExit(timeout: .seconds(30))
        #expect(status == SIGTERM)
        child.send(SIGKILL)
        #expect(child.exitStatus == SIGTERM)
    }

    @Test("descriptors of the parent other than 0-2 are not inherited")
    func descriptorsClosed() async throws {
        // Open descriptors here without close-on-exec; the child lists its own.
        let extra = (0..<50).map { _ in open("/dev/null", O_RDONLY) }
        defer { extra.forEach { close($0) } }
        let (status, output) = try await SpawnedProcess.run("/bin/ls", ["/proc/self/fd"])
        #expect(status == 0)
        let descriptors = output.split(separator: "\n").compactMap { Int($0) }
        // 0, 1, 2 and the one `ls` opened to read the directory.
        #expect(descriptors.allSatisfy { $0 <= 3 }, "inherited: \(descriptors)")
    }

    @Test("a missing program is a clear error")
    func missingProgram() async throws {
        let error = try #require(throws: SpawnError.self) {
            try SpawnedProcess(executable: "/nonexistent/program", arguments: [])
        }
        #expect(error.description.contains("/nonexistent/program"))
    }
}
