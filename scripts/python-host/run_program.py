"""Runs one Pulumi Python program for language_host.py: connects the `pulumi` package to the engine and runs it.

language_host.py starts this file on the interpreter of its virtual environment for each Run the engine asks for,
with the engine's settings as flags and the stack's configuration in PULUMI_CONFIG / PULUMI_CONFIG_SECRET_KEYS.
It configures the pulumi package's runtime (the resource monitor and engine addresses, the project, stack and
organization, preview or update), then runs the program as `__main__` inside the stack resource, so that
`pulumi.export` lands on the stack and the process waits for every registration before it exits.

Exit codes: 0 when the program ran; BAIL_EXIT_CODE when it failed and the failure was already logged to the
engine (the engine then adds nothing); 1 when the runtime itself failed, which the engine reports as such.
"""

import argparse
import asyncio
import logging
import os
import runpy
import signal
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor

BAIL_EXIT_CODE = 32


def parse(argv: list) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Run a Pulumi Python program for the engine")
    parser.add_argument("--monitor", required=True, help="the resource monitor's gRPC address")
    parser.add_argument("--engine", default="", help="the engine's gRPC address")
    parser.add_argument("--project", required=True)
    parser.add_argument("--stack", required=True)
    parser.add_argument("--organization", default=None)
    parser.add_argument("--root-directory", default=None, help="the folder of Pulumi.yaml")
    parser.add_argument("--pwd", default=None, help="the folder to run the program in")
    parser.add_argument("--dry-run", default="false", help="`true` for a preview")
    parser.add_argument("--parallel", type=int, default=0, help="resource operations at once (0: no limit)")
    parser.add_argument("program", help="a .py file, or a folder holding __main__.py")
    parser.add_argument("args", nargs="*")
    return parser.parse_args(argv)


def user_frames(program: str) -> str:
    """The traceback of the current exception from the program's first frame on, or whole if it has none."""
    main = os.path.abspath(program)
    if os.path.isdir(main):
        main = os.path.join(main, "__main__.py")
    frames = traceback.extract_tb(sys.exc_info()[2])
    for index, frame in enumerate(frames):
        if os.path.abspath(frame.filename) == main:
            return traceback.format_exc(limit=-(len(frames) - index))
    return traceback.format_exc()


def stop_quietly(signum, frame) -> None:
    """The engine interrupts the program when it cancels the deployment, after it has reported why (a provider
    it cannot load, the user's Ctrl-C): a traceback of whatever the program was waiting on would only bury that."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(BAIL_EXIT_CODE)


def main(argv: list) -> int:
    options = parse(argv)
    signal.signal(signal.SIGINT, stop_quietly)
    # Imported after parsing, so that `--help` works without the package; its absence is the user's to fix.
    try:
        import pulumi
        import pulumi.runtime
    except ImportError:
        print(traceback.format_exc(), file=sys.stderr)
        print(
            f"The `pulumi` package is not installed for {sys.executable}: run scripts/install-python-host.sh",
            file=sys.stderr,
        )
        return 1

    pulumi.runtime.set_all_config(
        pulumi.runtime.get_config_env(), pulumi.runtime.get_config_secret_keys_env()
    )
    settings = pulumi.runtime.Settings(
        project=options.project,
        stack=options.stack,
        monitor=options.monitor,
        engine=options.engine or None,
        parallel=options.parallel,
        dry_run=options.dry_run == "true",
        organization=options.organization,
        root_directory=options.root_directory,
    )
    pulumi.runtime.configure(settings)

    sys.argv = [options.program, *options.args]
    if options.pwd:
        os.chdir(options.pwd)
    # The program's own modules (a folder program's siblings) import as they would under `python program`.
    program_dir = options.program if os.path.isdir(options.program) else os.path.dirname(options.program)
    sys.path.insert(0, os.path.abspath(program_dir or "."))

    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    # Outputs resolve on the loop's default executor: bound it by the engine's parallelism, as Pulumi's host does.
    executor = None
    if options.parallel > 0:
        executor = ThreadPoolExecutor(max_workers=options.parallel * 4)
        loop.set_default_executor(executor)
    # A failed resource leaves futures nobody awaits; asyncio's complaints about them would only hide the error.
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)

    def run() -> None:
        runpy.run_path(options.program, run_name="__main__")

    code = 1
    try:
        loop.run_until_complete(pulumi.runtime.run_in_stack(run))
        code = 0
    except pulumi.RunError as err:
        pulumi.log.error(str(err))
        code = BAIL_EXIT_CODE
    except Exception:  # noqa: BLE001 -- any error of the program is the user's to read
        pulumi.log.error("Program failed with an unhandled exception:\n" + user_frames(options.program))
        code = BAIL_EXIT_CODE
    finally:
        if executor is not None:
            executor.shutdown(wait=True)
        loop.close()
        sys.stdout.flush()
        sys.stderr.flush()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
