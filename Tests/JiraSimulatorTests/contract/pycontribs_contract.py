"""Contract test: drive the Jira simulator with the real third-party `jira` client (pycontribs).

Environment: JIRA_SIM_URL, JIRA_SIM_FLAVOUR (cloud|dataCenter), JIRA_SIM_EMAIL, JIRA_SIM_TOKEN, JIRA_SIM_PROJECT.
Prints one `STEP <name> ok` line per step and `CONTRACT OK <flavour> <key>` at the end; exits non-zero on failure.
"""
import os
import sys

from jira import JIRA


def check(condition, message):
    if not condition:
        print(f"CONTRACT FAILED: {message}", flush=True)
        sys.exit(1)


def main():
    url = os.environ["JIRA_SIM_URL"]
    flavour = os.environ["JIRA_SIM_FLAVOUR"]
    project = os.environ.get("JIRA_SIM_PROJECT", "OPS")
    token = os.environ["JIRA_SIM_TOKEN"]
    options = {"check_update": False}
    if flavour == "cloud":
        jira = JIRA(server=url, basic_auth=(os.environ["JIRA_SIM_EMAIL"], token), options=options, max_retries=0)
        check(jira.deploymentType == "Cloud", f"deploymentType {jira.deploymentType!r}")
    else:
        jira = JIRA(server=url, token_auth=token, options=options, max_retries=0)
        check(jira.deploymentType in ("Server", "DataCenter"), f"deploymentType {jira.deploymentType!r}")
    print("STEP connect ok", flush=True)

    me = jira.myself()
    check(me.get("timeZone"), f"myself without timeZone: {me}")
    identity = "accountId" if flavour == "cloud" else "name"
    check(me.get(identity), f"myself without {identity}: {me}")
    print("STEP myself ok", flush=True)

    projects = jira.projects()
    check(project in [p.key for p in projects], f"projects() {[p.key for p in projects]}")
    check(all(p.id and p.name for p in projects), "a project without id or name")
    print("STEP projects ok", flush=True)

    all_types = jira.issue_types()
    check([t.name for t in all_types][:2] == ["Bug", "Task"], f"issue_types() {[t.name for t in all_types]}")
    check(all(t.id and t.subtask is False for t in all_types), "an issue type without id or subtask")
    bug_by_name = jira.issue_type_by_name("Bug")
    check(bug_by_name.id == all_types[0].id, f"issue_type_by_name('Bug') {bug_by_name.id}")
    print("STEP issue_types ok", flush=True)

    # The client allows the new createmeta only on Server/DC; on Cloud it reads the project's issue types.
    if flavour == "cloud":
        issue_types = jira.project(project).issueTypes
    else:
        issue_types = jira.project_issue_types(project)
    check(issue_types, "no issue types")
    bug = {"id": issue_types[0].id}
    print("STEP issuetypes ok", flush=True)

    label = f"contract-{flavour}"
    issue = jira.create_issue(
        fields={
            "project": {"key": project},
            "issuetype": {"id": bug["id"]},
            "summary": "Contract test issue",
            "description": "Created by the *pycontribs* jira client",
            "labels": [label],
        }
    )
    check(issue.key.startswith(project + "-"), f"unexpected key {issue.key}")
    check(issue.fields.summary == "Contract test issue", f"summary {issue.fields.summary!r}")
    check(label in issue.fields.labels, f"labels {issue.fields.labels!r}")
    check(issue.fields.status.statusCategory.key == "new", "new issue not in category new")
    print("STEP create ok", flush=True)

    comment = jira.add_comment(issue, "Hello from python-jira")
    check(comment.id, "comment without id")
    check(comment.body == "Hello from python-jira", f"comment body {comment.body!r}")
    comments = jira.comments(issue.key)
    check([c.id for c in comments] == [comment.id], f"comments {[c.id for c in comments]}")
    print("STEP comment ok", flush=True)

    found = jira.search_issues(f'project = {project} AND labels = "{label}" ORDER BY created DESC', maxResults=10)
    check([i.key for i in found] == [issue.key], f"search found {[i.key for i in found]}")
    check(found[0].fields.summary == "Contract test issue", "search hit without summary")
    print("STEP search ok", flush=True)

    transitions = jira.transitions(issue, expand="transitions.fields")
    done = [t for t in transitions if t["to"]["statusCategory"]["key"] == "done"]
    check(done, f"no transition to done in {transitions}")
    fields = None
    if done[0].get("fields", {}).get("resolution", {}).get("required"):
        fields = {"resolution": {"name": "Done"}}
    jira.transition_issue(issue, done[0]["id"], fields=fields)
    issue = jira.issue(issue.key)
    check(issue.fields.status.statusCategory.key == "done", f"status after transition {issue.fields.status}")
    check(issue.fields.resolution is not None, "no resolution after Done")
    print("STEP transition ok", flush=True)

    print(f"CONTRACT OK {flavour} {issue.key}", flush=True)


if __name__ == "__main__":
    main()
