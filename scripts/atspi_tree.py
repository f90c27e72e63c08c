"""Reads the assistant's window over AT-SPI, as a screen reader (Orca) does, screen by screen.

Run by scripts/atspi-tree.sh inside a private X server and D-Bus session; needs Debian's pyatspi
(python3-pyatspi), so run it with the system interpreter (/usr/bin/python3).

For each screen (reached by the stepper's Action interface, as a screen-reader user would) it
prints: the controls, how many have no name, the inputs, how many show a message (an
"Error: …"/"Warning: …" label drawn after them) and how many of those do NOT carry the message
in their description; with --verbose every control with its role, name, states and description.
Exit status 1 when any control is unnamed or any message is missing from its input's description.
"""

import argparse
import sys
import time

import pyatspi

WINDOW_TITLE = "ONES Microsoft 365 Assistant"
CONTROL_ROLES = {
    "push button",
    "toggle button",
    "radio button",
    "check box",
    "combo box",
    "link",
    "text",
    "entry",
    "password text",
    "menu item",
    "page tab",
    "slider",
}
INPUT_ROLES = {"text", "entry", "password text"}
MESSAGE_PREFIXES = ("Error:", "Warning:", "错误：", "警告：", "錯誤：", "警告：")
SCREENS = ["1 Server settings", "2 Room settings", "3 User settings", "4 Review"]


def find_window(timeout):
    deadline = time.time() + timeout
    while time.time() < deadline:
        desktop = pyatspi.Registry.getDesktop(0)
        for app in desktop:
            if app is None:
                continue
            for index in range(app.childCount):
                window = app.getChildAtIndex(index)
                if window is not None and window.name == WINDOW_TITLE:
                    return app, window
        time.sleep(0.5)
    names = [app.name for app in pyatspi.Registry.getDesktop(0) if app is not None]
    sys.exit(f"atspi_tree: no window named {WINDOW_TITLE!r} (applications: {names})")


def walk(node, depth=0):
    """Depth-first, in reading order."""
    yield node, depth
    for index in range(node.childCount):
        child = node.getChildAtIndex(index)
        if child is not None:
            yield from walk(child, depth + 1)


def states(node):
    state_set = node.getState()
    names = []
    for state, word in [
        (pyatspi.STATE_REQUIRED, "required"),
        (pyatspi.STATE_FOCUSED, "focused"),
        (pyatspi.STATE_CHECKED, "checked"),
        (pyatspi.STATE_PRESSED, "pressed"),
        (pyatspi.STATE_SELECTED, "selected"),
        (pyatspi.STATE_SENSITIVE, ""),
    ]:
        if state_set.contains(state) and word:
            names.append(word)
    if not state_set.contains(pyatspi.STATE_SENSITIVE):
        names.append("disabled")
    return names


def relations(node):
    found = []
    for relation in node.getRelationSet():
        kind = relation.getRelationType()
        if kind in (pyatspi.RELATION_LABELLED_BY, pyatspi.RELATION_DESCRIBED_BY):
            word = "labelled-by" if kind == pyatspi.RELATION_LABELLED_BY else "described-by"
            found.append(f"{word}×{relation.getNTargets()}")
    return found


def screen_report(window, verbose):
    controls = unnamed = inputs = with_message = undescribed = headings = links = 0
    last_input = None
    lines = []
    for node, depth in walk(window):
        role = node.getRoleName()
        name = (node.name or "").strip()
        if role == "heading":
            headings += 1
        if role == "link":
            links += 1
        if role in CONTROL_ROLES:
            controls += 1
            if not name:
                unnamed += 1
            if verbose:
                description = node.description or ""
                extra = " ".join(states(node) + relations(node))
                lines.append(
                    f"    {role:<14} {name!r}"
                    + (f" [{extra}]" if extra else "")
                    + (f" — {description!r}" if description else "")
                )
        if role in INPUT_ROLES:
            inputs += 1
            last_input = node
        elif role == "label" and name.startswith(MESSAGE_PREFIXES) and last_input is not None:
            with_message += 1
            if name not in (last_input.description or ""):
                undescribed += 1
                lines.append(f"    ! {last_input.name!r} does not describe itself with {name!r}")
    summary = (
        f"controls {controls} / unnamed {unnamed} / inputs {inputs}, showing a message "
        f"{with_message}, without that message in their description {undescribed} "
        f"(headings {headings}, links {links})"
    )
    return summary, lines, unnamed + undescribed


def click(window, name):
    for node, _ in walk(window):
        if node.name == name and node.getRoleName() in ("push button", "toggle button"):
            node.queryAction().doAction(0)
            return True
    return False


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--label", default="", help="what this run shows (printed as a title)")
    parser.add_argument("--verbose", action="store_true", help="list every control")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()

    _, window = find_window(args.timeout)
    print(f"== {args.label} — window {window.name!r} ({window.getRoleName()})")
    failures = 0
    for screen in SCREENS:
        if not click(window, screen):
            print(f"-- {screen}: stepper item not found")
            failures += 1
            continue
        time.sleep(1.5)
        summary, lines, bad = screen_report(window, args.verbose)
        failures += bad
        print(f"-- {screen}: {summary}")
        for line in lines:
            print(line)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
