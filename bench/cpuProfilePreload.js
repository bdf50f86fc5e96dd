// Preloaded with `NODE_OPTIONS=--require` into every Node process of a profiled engine operation (Node does
// not take --cpu-prof in NODE_OPTIONS). Samples the CPU every millisecond and writes a profile every 5 s, at
// exit and on SIGINT/SIGTERM: BENCH_PROFILE_DIR/<pid>-<n>.cpuprofile.
"use strict";
const fs = require("node:fs");
const inspector = require("node:inspector");
const path = require("node:path");

const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  let chunk = 0;
  const start = () => {
    session.post("Profiler.enable");
    session.post("Profiler.setSamplingInterval", { interval: 1000 });
    session.post("Profiler.start");
  };
  const write = () => {
    session.post("Profiler.stop", (err, result) => {
      if (!err && result) {
        fs.writeFileSync(
          path.join(dir, `${process.pid}-${chunk++}.cpuprofile`),
          JSON.stringify(result.profile),
        );
      }
    });
  };
  start();
  setInterval(() => {
    write();
    start();
  }, 5000).unref();
  process.on("exit", write);
  // The engine stops plugins with SIGINT (and kills them 5 s later): write the last chunk, then exit as asked.
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => {
      write();
      process.kill(process.pid, signal);
    });
  }
}
