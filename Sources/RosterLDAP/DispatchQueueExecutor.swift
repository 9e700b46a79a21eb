import Dispatch

/// A serial executor backed by its own dispatch queue, so an actor's blocking C calls never run on Swift's
/// cooperative pool (2 threads on this machine class; a stuck `ldap_*_s` call there would freeze every task).
final class DispatchQueueExecutor: SerialExecutor {
    let queue: DispatchQueue

    init(label: String) {
        queue = DispatchQueue(label: label)
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.async { job.runSynchronously(on: self.asUnownedSerialExecutor()) }
    }

    func asUnownedSerialExecutor() -> UnownedSerialExecutor {
        UnownedSerialExecutor(ordinary: self)
    }
}
