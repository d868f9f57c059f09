<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>No Slack bot token: add it in Settings first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On-call Desktop stopped abruptly last time; the details are in {folder}. Nothing you saved was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Procedure file: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{reason} Using the local database until this is fixed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PagerDuty at {url} did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PagerDuty at {url} cannot be reached ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PagerDuty answered {request} with something that is not JSON ({type}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PagerDuty answered {request} with an unexpected shape.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PagerDuty rejected the API token (401). Check it in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PagerDuty token may not do this (403): it may be read-only or lack a permission.{detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is an account-level PagerDuty key. The app needs a user API key (My Profile → User Settings → Create API User Token).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PagerDuty account&apos;s plan does not allow this.{detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PagerDuty has no such thing: {path}.{detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PagerDuty is rate limiting this token (429).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PagerDuty is rate limiting this token (429) and asks to wait {s} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PagerDuty is having trouble ({status}).{detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PagerDuty refused the request ({status}).{detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PagerDuty&apos;s answer to /users/me has no user in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PagerDuty&apos;s incident list has no &apos;incidents&apos; in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PagerDuty&apos;s on-call list has no &apos;oncalls&apos; in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PagerDuty user has no email; cannot sign the update.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PagerDuty user has no email; cannot sign the request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PagerDuty&apos;s answer has no responder_request in it; ask again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PagerDuty&apos;s answer has no incident in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PagerDuty user has no email; cannot sign the change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PagerDuty&apos;s answer to the update has no incident in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PagerDuty&apos;s answer has no {kind} in it; it will be sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets are kept in memory only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No usable keyring was found (GNOME Keyring, KWallet, macOS Keychain or Windows Credential Locker). Tokens for PagerDuty and Slack cannot be stored, so those are off; everything else works.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keyring is locked or did not answer. Unlock it (log in to your desktop session, or open your keyring manager) and try again. Nothing was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keyring backend {backend} would store tokens unencrypted in a file; the app refuses it. Remove keyrings.alt or set PYTHON_KEYRING_BACKEND to a secure backend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keyring refused the request ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tokens are stored in {backend}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slack at {url} did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slack at {url} cannot be reached ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slack is rate limiting this app (429).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slack refused the request ({status}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slack answered {method} with something that is not JSON.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slack&apos;s answer to {method} has no &apos;ok&apos; in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slack rejected the bot token ({code}). Check it in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Slack app lacks a permission for this ({code}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slack is rate limiting this app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slack refused the message: {code}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slack&apos;s answer to chat.postMessage has no &apos;ts&apos; in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slack&apos;s answer to conversations.create has no channel id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No free incident channel name for {day}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Slack webhook cannot be reached ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slack is rate limiting the webhook (429).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slack refused the webhook ({answer}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slack refused the message ({answer}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Slack webhook answered {status} without its &apos;ok&apos; ({answer}); the message may not have arrived: it will be sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slack is having trouble ({status}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No token: paste your PagerDuty user API token first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service for declared incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slack: {destination}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No token: paste the Slack bot token (xoxb-…) first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incidents channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token / webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No URL: paste the Teams workflow URL first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teams took the test message; look for it in the channel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password: type the mail account&apos;s first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server took the account; the summary can be sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rotation settings are not usable: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rotation is not known yet; try again in a moment.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rotation has not started yet: no handoff so far.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No alert source keeps on-call rotations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No {source} token is stored: add it in Settings, or tick this by hand once you have checked {source} yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No PagerDuty token yet: add it in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not acknowledge in {source}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source} is not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source} is not connected yet; escalate there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not request responders in {source}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source} is not connected yet; declare it there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not declare it in {source}: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source} is not watched here; acknowledge it there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source}: not set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source}: connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source}: connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source}: offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source}: rate limited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source}: token rejected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source}: off, no usable keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source}: needs attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, last poll {seconds} s ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The post-mortem could not be saved anywhere: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database {where} is locked by another program. Close the other program (or the other copy of this app) and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database file {where} is damaged or is not a database. Move it aside to start afresh, or restore a backup (*.bak files beside it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database {where} is read-only. Check the folder&apos;s permissions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database file {where} cannot be opened: the folder is missing or not writable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The disk holding the database {where} is full or failing ({detail}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database server refused the login for {where}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database in {where} does not exist on the server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database server at {where} cannot be reached ({detail}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database {where} cannot be used: {detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database URL is not valid. Expected for example postgresql+psycopg://user@host:5432/oncall, or leave it empty for the built-in SQLite database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Database type &apos;{backend}&apos; is not supported; use PostgreSQL, or leave the URL empty for the built-in SQLite database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The data folder {folder} cannot be created ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The driver for {url} is not installed. Install it with pip install &apos;oncall-desktop[postgresql]&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database URL {url} is not valid: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A team database is PostgreSQL (postgresql://user@host/database); leave the address empty for this computer&apos;s own database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to {server} as {role}. The database has no tables of this app yet: they are made at its first start on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to {server} as {role}. The app&apos;s tables are there (schema {revision}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database {url} could not be migrated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database {url} was written by a newer version of oncall-desktop (schema {revision}). Update the app; nothing was changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database {url} holds some of oncall-desktop&apos;s tables but no schema version: an older version was interrupted while creating it. Use a new, empty database, or drop those tables, then start again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database file was left incomplete by an interrupted first start; it was moved aside to {aside} and a new one was created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{key}: {problem}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a table, got {type}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a list, got {type}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected text, got {type}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected true or false, got {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a number, got {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a finite number, got {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be at least {minimum}, got {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be at most {maximum}, got {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>expected a whole number, got {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missing translation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fr has {fr} entries but en has {en}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} is not one of {allowed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name a PagerDuty user or an escalation policy, not both</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{value} is not a date (YYYY-MM-DD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the template needs the sections {sections}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>id {id} appears twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be above 0 for &apos;if_unresolved&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{mode} is not one of required, optional</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is shorter than the acknowledge SLA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acknowledge SLAs must not be shorter for a lower severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is above sev1_users_above_percent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is above sev1_revenue_above_per_hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>start and end must both be set, or both be -1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>must be after start_minutes ({start})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a phase needs at least one step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at least one phase is needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>is not a step of the checklist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{weekday} is not a day of the week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>only http and https links are allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{section}: unknown section, ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{key}: {problem} (the defaults for &apos;{section}&apos; stay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: cannot be read ({reason}); the defaults stay</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: expected true or false, got {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: expected a whole number, got {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: expected text, got {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {value} is not one of {allowed}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: must be at least {minimum}, got {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: must be at most {maximum}, got {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: longer than {maximum} characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {value} is not in the expected form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: expected names and values, got {value}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>schema_version: {version} is newer than this app understands; known settings are read, the file is not rewritten in an older format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{problem}; the default is used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{key}: unknown setting, ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{count} unknown settings ignored: {keys}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: {reason}; defaults used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{file}: {reason}; defaults used; kept as {aside}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The log file {file} cannot be written ({reason}); logging to stderr.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database could not be migrated.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database could not be migrated ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keyring helper gave an answer that was not understood.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keyring helper could not start ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Teams workflow cannot be reached ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teams is rate limiting the workflow (429).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teams is having trouble ({status}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teams refused the workflow URL ({status}): it was removed or turned off. Check it in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Teams refused the message ({status}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Teams workflow answered {status} without accepting the message; it will be sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Microsoft Teams: the workflow&apos;s channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test from oncall-desktop: incident updates will be posted in this channel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post the internal updates to Teams too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workflow URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Workflows webhook URL (kept in the OS keyring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a test message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In Teams: the channel&apos;s Workflows, &apos;Post to a channel when a webhook request is received&apos;, then copy its URL here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This status-page post has no page to go to; choose one in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PagerDuty&apos;s answer has no {what} in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The status page has no impact levels for incidents; set them up in PagerDuty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The status page has no resolved status for incidents; set it up in PagerDuty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The status page has no severities for incidents; set them up in PagerDuty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PagerDuty&apos;s answer has no post in it; it will be sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PagerDuty&apos;s answer has no post_update in it; it will be sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This incident has no post on the status page to attach a post-mortem to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PagerDuty&apos;s answer has no postmortem in it; it will be sent again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waits for this incident&apos;s earlier status-page update to go out first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PagerDuty plan has no status pages (402): post this on the status page by hand and use Mark sent, or turn the status page off in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This PagerDuty user may not post on the status page (403): ask an admin for the Status Pages permission, or post it by hand and use Mark sent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status page: {destination}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This mail&apos;s route is unreadable ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server refused the account or password ({code}). Check them in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server refused every recipient: {addresses}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server asks to try again later ({code}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This mail has no recipient.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server&apos;s CA file {file} cannot be used ({reason}). Choose it again in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server refused the sender {sender} ({answer}). Check it in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server refused the mail ({code}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server does not offer what Settings ask (STARTTLS or login).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server&apos;s certificate is not trusted ({reason}). If a private authority issued it, choose its CA file in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server&apos;s encryption failed ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server {host} cannot be reached ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server had the whole mail, then its answer was lost ({reason}): it may have arrived.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Already taken by {addresses}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server asks to try again later for {waiting}: tried again for them alone.{taken}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{message_id}: taken by {took}; refused for good by {refused}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server answered {code} to a NOOP.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No mail server in Settings: set one up under Executive mail, then Edit and resend.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Email the executives through {destination}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open it in my mail client (executives)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail server (SMTP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source} is not set up on this console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alertmanager at {url} did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alertmanager at {url} cannot be reached ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alertmanager answered {request} with something that is not JSON ({type}): is {url} the Alertmanager&apos;s address?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alertmanager at {url} refused the credentials (401): check the user, password or bearer token in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alertmanager at {url} does not allow this (403).{detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{url} has no {request} (404): is it the Alertmanager&apos;s address, with API v2?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alertmanager is rate limiting us (429).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alertmanager is rate limiting us (429) and asks to wait {s} s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alertmanager is having trouble ({status}).{detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alertmanager refused {request} ({status}).{detail}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alertmanager&apos;s answer to {path} is not a list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alertmanager&apos;s status is not an object.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alertmanager&apos;s answer has no silence id in it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alertmanager no longer has this alert firing: it has resolved, there is nothing to silence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alertmanager has no on-call rotation: take it from the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No Alertmanager address yet: add it in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Alertmanager address must start with http:// or https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Alertmanager matchers cannot be read ({reason}).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to Alertmanager {version} at {url}: {count} alert(s) firing for these matchers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alertmanager matchers look like team=&quot;payments&quot;, env=~&quot;prod.*&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page me from this Alertmanager too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Alertmanager address must start with http:// or https://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the Alertmanager&apos;s address, e.g. http://alertmanager:9093.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: every receiver</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matchers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: no basic authentication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Basic-auth password (kept in the OS keyring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bearer token (kept in the OS keyring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge silences the alert until the procedure&apos;s resolve time; resolve lifts that silence. Responder requests and status updates stay PagerDuty&apos;s.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The {title} address must start with http:// or https://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title}: {label} is not in the expected form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PagerDuty status update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No integration here opens a channel for an incident.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{why} “{title}” is not acknowledged in {source}: it keeps escalating.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{title}” was acknowledged in {source} by {who}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“{title}” was acknowledged in {source} after all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as last read from {source} at {when}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source} is limiting how often it may be read: pages waiting there may be missing here. Last read: {when}. {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{source} cannot be reached: pages waiting there may be missing here. Last read: {when}. {why}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActionItemsTable</name>
    <message>
        <source>Planned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ActionItemsWindow</name>
    <message>
        <source>Post-mortem action items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show done items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post-mortem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertController</name>
    <message>
        <source>🔴 High urgency · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low urgency · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n more page(s) to acknowledge</source>
        <translation>
            <numerusform>%n more page to acknowledge</numerusform>
            <numerusform>%n more pages to acknowledge</numerusform>
        </translation>
    </message>
    <message>
        <source>Acknowledged in %1 by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledged in %1 · open it to work it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOT acknowledged in %1: it keeps escalating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>That page is no longer assigned to you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On-call Desktop is still running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts keep coming to the tray. Quit from the tray menu.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AlertSourceBar</name>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve here only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolves the incident in this console; the page stays open in its source</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not acknowledged; it keeps escalating until it is.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved here only: still open in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: resolved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: triggered again; it escalates until acknowledged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: acknowledged by %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: acknowledged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has not acknowledged it: %2 It keeps escalating there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has not resolved it: %2 It is still open there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking %1 to acknowledge…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking %1 to resolve…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge asked of %1 at %2 never got an answer: it may not be done there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve asked of %1 at %2 never got an answer: it may not be done there.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistModel</name>
    <message>
        <source>the page was received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the incident was acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the severity was set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the declaration was posted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an escalation contact was reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>an update was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the incident was resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a resolution notice was sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phase / step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time box / done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>after resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · over by %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 min left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>by the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ticked by the app: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ClocksPanel</name>
    <message>
        <source>Clocks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge SLA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve SLA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monitoring (5.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit and resend…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done: the incident can be closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OVERDUE %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (snoozed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: copy of this update not posted there · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: update not sent · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused the update (%2): not sent · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused the copy of this update (%2): not posted there · %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>met (%1 to spare)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BREACHED %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 clock since the change, %2 spent before</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CockpitController</name>
    <message>
        <source>The status page&apos;s services could not be listed (%1): this update names all of them, and the next one asks again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not posted on the status page: the text is on the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>

[…] The full text is on the clipboard: paste it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No mail client could be opened: the executive summary was not sent. It is on the clipboard, to mail by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Executive summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Was the executive summary sent? Its countdown restarts only then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This incident has no page to ask responders on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not queued, not sent: %1 The text is on the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CockpitLifecycle</name>
    <message>
        <source>Close the incident?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The SOP asks for an hour of monitoring after resolution (5.1): it runs until %1, %2 from now. Close anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the resolution notices?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The procedure owes a resolution notice to: %1. Compose them now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post-mortem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The procedure asks for a post-mortem of this incident. Open its draft now?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CockpitWindow</name>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Investigating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mitigating</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change severity…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create Slack channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creates #incident-YYYY-MM-DD-NNN and posts the declaration there (SOP 1.4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post-mortem…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Once resolved: the SOP 5.2 post-mortem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optional note for the next step you tick</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declare in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creates it in %1 so the service&apos;s escalation policy pages the team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: %1 · detected %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is back: make again what was not saved.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ComposerDialog</name>
    <message>
        <source>INCIDENT DECLARED (internal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UPDATE #n (internal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INCIDENT RESOLVED (internal)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status page (external, no jargon)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status page: resolved (external, no jargon)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Executive summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Executive: resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compose update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One action per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notify the whole channel (@channel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 needs an incident opened from a page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set %1 up in Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ETA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Financial impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview (this is what will be sent; you can edit it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of these reaches %1: what is sent there is a copy, and %1 is not updated by it (its countdown keeps running). Update it by hand, then click Mark sent in the cockpit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where to send it (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose where to send it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>On-call Desktop: unexpected error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong inside the app. Your incidents and drafts are saved in the database. You can keep working, or quit and restart. Please send the report below to the maintainers (it contains no tokens). The log file is:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeadlineAlerts</name>
    <message>
        <source>Update due in %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge within %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve SLA ends in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalate to %1 in %2 if still unresolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update overdue: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Edit and resend it from the cockpit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: update not sent, %2 refused it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unresolved: escalate to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeclareDialog</name>
    <message>
        <source>Declare incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API Down - All endpoints returning 500</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>100% users cannot access the application</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity (SOP questions and matrix)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DrillController</name>
    <message>
        <source>Drill: a SEV-1 page arrives in a few seconds. Handle it as the procedure says: acknowledge, follow the checklist, send the updates, resolve. Nothing reaches the real PagerDuty or Slack; the score comes after the resolution and its notices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved. The procedure now owes the resolution notices: the score comes once they are sent, or at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drill result — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Score</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DrillMark</name>
    <message>
        <source>Drill: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EditableTable</name>
    <message>
        <source>Add row</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove selected rows</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EscalationBox</name>
    <message>
        <source>asked in PagerDuty, no answer yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>joined ✅</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>declined: reach them another way</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>request cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sends a responder request on the incident&apos;s page, with the SOP&apos;s message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation contacts reached:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalated: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 only %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: escalate now to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 unresolved after the SOP&apos;s limit: escalate to %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FreedesktopNotifier</name>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandoffController</name>
    <message>
        <source>On call: %1 (backup %2) until %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On-call handoff: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handoff pending: %1 of %2 acknowledged</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandoffHistoryDialog</name>
    <message>
        <source>Previous handoffs</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandoffWindow</name>
    <message>
        <source>Handoff — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handoff</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Markdown…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post to the incidents channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous handoffs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✅ No active incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Watch items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One per line; they carry over to the next handoff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last week&apos;s incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date (YYYY-MM-DD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add maintenance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post-mortem action items due soon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign as outgoing engineer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming engineer: acknowledge each item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a date (YYYY-MM-DD): %1. Kept in the text.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in the outgoing engineer&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed by %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: Handoff complete ✅</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status: pending ⏳ (%1 of %2 acknowledged)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export handoff</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source> (drill)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <source>Incident history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time to acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time to resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All severities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Any status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search titles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show drills</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open cockpit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post-mortem…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KPI dashboard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n incident(s)</source>
        <translation>
            <numerusform>%n incident</numerusform>
            <numerusform>%n incidents</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Identity</name>
    <message>
        <source>Your name, from PagerDuty: %1. It signs what you post (Settings).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>IncidentTableModel</name>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge SLA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve SLA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next update</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>met</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KpiWindow</name>
    <message>
        <source>KPI dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MTTA (SEV-1, mean)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MTTR (SEV-1, mean)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incidents per month (worst month)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SEV-1 per quarter (worst quarter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post-mortem completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action items closed within 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last 12 months, this one included</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From… to…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KPI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SOP target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MTTA mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MTTA median</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MTTA p90</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MTTR mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MTTR median</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MTTR p90</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n incident(s) in the period</source>
        <translation>
            <numerusform>%n incident in the period</numerusform>
            <numerusform>%n incidents in the period</numerusform>
        </translation>
    </message>
    <message>
        <source>met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incidents per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SEV-1 mean times per month (minutes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MTTA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MTTR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MailSettings</name>
    <message>
        <source>Executive mail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: open the summary in my mail client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS (port 587)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSL/TLS (port 465)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None (a relay on the local network)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: the system&apos;s authorities only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kept in the OS keyring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail server (SMTP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CA file (private authority)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With a mail server, give the sender&apos;s address, e.g. oncall@example.com.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server&apos;s CA file %1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server&apos;s CA file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No mail server: type its name first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>custom policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team database is not answering (reconnecting): colleagues&apos; changes show again once it is back. A change you make that cannot be saved meanwhile is not kept: it springs back where you made it, with the reason; make it again then.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time zone &apos;{name}&apos; is unknown; times are shown in this computer&apos;s zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No system tray was found, so alerts appear in this window only. Keep it open: closing it quits the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On-call Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declare incident…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action items…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>History and KPIs…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handoff…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open incident. Stay sharp.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1. Connect PagerDuty, so that pages reach the tray: your user API token in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>2. Connect Slack (a bot token or a webhook), so that updates go out in one click.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>3. Try a drill: the procedure&apos;s SEV-1 scenario against built-in fakes, scored at the end. Nothing real is touched.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a drill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No incident opened yet: open the page above to work it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open incident here; the page above is still open in its source.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terminal commands and a second launch cannot reach this window: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NameDialog</name>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This post says who is on call, and no name is known yet. Your name as your team knows it:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name as your team knows it. It signs what you post (On-Call: …) and what you do in the timeline; you can change it in Settings. With a PagerDuty token, your PagerDuty name is used when you leave this empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Ana Lopez</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Later</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NextActionBar</name>
    <message>
        <source>acknowledge the incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>evaluate the severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>post the declaration (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>escalate (contacts below)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send the update to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolve within the SLA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>send the resolution notice to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>watch for an hour, then close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>close the incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing: the incident is closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate severity…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compose the declaration…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compose the update…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compose the resolution notice…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>late by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PagesPanel</name>
    <message>
        <source>Pages assigned to me</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge within</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>high</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>low</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolved here, still open there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acknowledged by %1, not opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>acknowledged, not opened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>late by %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PostmortemController</name>
    <message>
        <source>Summary queued for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post-mortem queued for the status page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post-mortem overdue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post-mortem overdue: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PostmortemWindow</name>
    <message>
        <source>Post-mortem — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post-mortem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Markdown…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post summary to Slack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish on the status page…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A newer copy saved on this computer while the database was unreachable was restored and written back to the database.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Title</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Impact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Owner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CTO, Lead Dev, On-Call Engineer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewed and signed: counts as complete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Draft: complete once &apos;Reviewed by&apos; and the review date are filled in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database is unreachable; the draft is saved on this computer and goes to the database at the next save that reaches it. (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Markdown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF could not be written to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish on the status page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What customers will read (plain language; edit it as needed):</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Exported %n page(s) to %1</source>
        <translation>
            <numerusform>Exported %n page to %1</numerusform>
            <numerusform>Exported %n pages to %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PostsTable</name>
    <message>
        <source>waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queued</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent as a note (status updates not in the plan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retrying (%1 attempts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, may have arrived twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An answer from this destination was lost, and what arrived there cannot be checked: the post was sent again, so readers may see it twice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit and resend…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResendDialog</name>
    <message>
        <source>Edit and resend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use %1 (Settings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slack channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It will be sent to: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Resolve the incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What restored the service (e.g. failover to the replica database)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve it in %1 too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untick to leave the page open there (another team still works on it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RolesBar</name>
    <message>
        <source>on-call responder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>communication</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>escalation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You hold this role from now on; the timeline says so</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who else is here: unknown while the database is away</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also here: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunbookLinks</name>
    <message>
        <source>Runbooks and access</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsController</name>
    <message>
        <source>Settings could not be saved: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team database settings apply at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language applies now, in every open window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start at login is not available on this system yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start at login could not be set: </source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>US service region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>EU service region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Friday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What is posted to Slack, PagerDuty and the status page. The procedure&apos;s templates are in English.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep running in the tray when closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start when I log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User API token (kept in the OS keyring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play a sound with alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Posted messages in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Team time zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Region</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Its ID, e.g. PABC123</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P… : the service that pages the team for incidents declared here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service for declared incidents</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None: updated by hand (Mark sent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List status pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bot token (channels, incident channels)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming webhook (one fixed channel)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>xoxb-… or https://hooks.slack.com/… (kept in the OS keyring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incidents channel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Token / webhook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet hours (high urgency always alerts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read the alert sources every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On-call rotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (my on-call shifts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Agent DEV, Orchestrateur</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The procedure&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rotation from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Members, in order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handoff day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handoff time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First member primary from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A token is stored in the keyring.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No token stored yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A webhook cannot be tested without posting; send an update to check it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking PagerDuty…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n status page(s) in this account.</source>
        <translation>
            <numerusform>%n status page in this account.</numerusform>
            <numerusform>%n status pages in this account.</numerusform>
        </translation>
    </message>
    <message>
        <source>The PagerDuty address must start with https://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A PagerDuty service id looks like PABC123 (from the service&apos;s URL).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The Slack address must start with https://</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quiet hours are HH:MM, e.g. 22:00 → 07:00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give both ends of the quiet hours, or neither.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The handoff time is HH:MM, e.g. 09:00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The rotation start is a date, YYYY-MM-DD.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SeverityAssessment</name>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security breach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why a different severity than proposed? (kept in the timeline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Users impacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Revenue lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SLA: acknowledge &lt; %1, resolve &lt; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Escalation: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SeverityDialog</name>
    <message>
        <source>Change severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Evaluate the severity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why this severity? (kept in the timeline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What changed? (kept in the timeline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SnoozeDialog</name>
    <message>
        <source>Snooze reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why (kept in the timeline)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StartupErrorDialog</name>
    <message>
        <source>On-call Desktop cannot start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the local database this time</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusPageServicesDialog</name>
    <message>
        <source>Affected services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which services of the status page %1 does this incident affect? Customers see them with the impact of its severity. The incident&apos;s later updates keep this choice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The status page lists no services: the update will name none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Post</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamDatabaseSettings</name>
    <message>
        <source>Team database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Empty: this computer&apos;s own database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One PostgreSQL database for the whole team, e.g. postgresql://oncall@db.example.com/oncall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password (kept in the OS keyring)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A change of database applies at the next start of the app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ONCALL_DATABASE_URL is set in this session: it is used instead of this address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the database password in its own field (kept in the keyring), not in the address: the address is saved in the settings file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The team database is PostgreSQL: postgresql://user@host/database, or leave the address empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No address: type it first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TeamNews</name>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a colleague</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raised to %1 by %2 (was %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (provisional, from a page) opened by %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 declared by %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>A note for the timeline, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a note to the timeline and press Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Updates sent from here</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Open On-call Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Declare incident…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze low-urgency alerts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>30 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On-call Desktop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TrayStatus</name>
    <message numerus="yes">
        <source>%n page(s) NOT acknowledged: still escalating</source>
        <translation>
            <numerusform>%n page NOT acknowledged: still escalating</numerusform>
            <numerusform>%n pages NOT acknowledged: still escalating</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n update(s) overdue</source>
        <translation>
            <numerusform>%n update overdue</numerusform>
            <numerusform>%n updates overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) to acknowledge</source>
        <translation>
            <numerusform>%n page to acknowledge</numerusform>
            <numerusform>%n pages to acknowledge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open incident(s)</source>
        <translation>
            <numerusform>%n open incident</numerusform>
            <numerusform>%n open incidents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n acknowledged page(s) not opened</source>
        <translation>
            <numerusform>%n acknowledged page not opened</numerusform>
            <numerusform>%n acknowledged pages not opened</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n post-mortem(s) overdue</source>
        <translation>
            <numerusform>%n post-mortem overdue</numerusform>
            <numerusform>%n post-mortems overdue</numerusform>
        </translation>
    </message>
    <message>
        <source>handoff pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No open incident</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>low-urgency alerts snoozed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 update NOT sent: %2 refused it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 NOT sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resolve</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WindowNotifier</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
