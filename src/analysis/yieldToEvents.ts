/**
 * Lets the thread's event loop run (one macrotask turn). Long stages call it between steps so
 * that, in a worker, queued messages get through: above all the churn worker's finished jobs,
 * which the coordinating thread must answer with new ones while it segments (otherwise the
 * other core sits idle).
 */
export const yieldToEvents = (): Promise<void> => new Promise<void>((r) => setTimeout(r, 0));
