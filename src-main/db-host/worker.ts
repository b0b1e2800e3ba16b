// The database host worker (worker thread running the database service off the main thread) lives here.
export {};
