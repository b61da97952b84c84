"""The county center's workspace: the same installed program opened for the county's staff (issue 12).

Qt widgets over the Qt-free workspace client (sync/workspace_client.py): connect and pin the county root,
log in, the queue of every station's applications, one application with its materials, the decision
forms, stations, roster and townships. Every network call runs on the program's TaskRunner.
"""
