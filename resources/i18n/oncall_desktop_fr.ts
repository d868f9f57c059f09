<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name></name>
    <message>
        <source>No Slack bot token: add it in Settings first.</source>
        <translation>Aucun jeton de bot Slack : ajoutez-le d’abord dans les Paramètres.</translation>
    </message>
    <message>
        <source>On-call Desktop stopped abruptly last time; the details are in {folder}. Nothing you saved was lost.</source>
        <translation>On-call Desktop s’est arrêté brutalement la dernière fois ; les détails sont dans {folder}. Rien de ce que vous aviez enregistré n’est perdu.</translation>
    </message>
    <message>
        <source>Settings: {problem}</source>
        <translation>Paramètres : {problem}</translation>
    </message>
    <message>
        <source>Procedure file: {problem}</source>
        <translation>Fichier de procédure : {problem}</translation>
    </message>
    <message>
        <source>{reason} Using the local database until this is fixed.</source>
        <translation>{reason} La base de données locale est utilisée en attendant.</translation>
    </message>
    <message>
        <source>PagerDuty at {url} did not answer in time.</source>
        <translation>PagerDuty ({url}) n’a pas répondu à temps.</translation>
    </message>
    <message>
        <source>PagerDuty at {url} cannot be reached ({reason}).</source>
        <translation>PagerDuty ({url}) est injoignable ({reason}).</translation>
    </message>
    <message>
        <source>PagerDuty answered {request} with something that is not JSON ({type}).</source>
        <translation>PagerDuty a répondu à {request} par autre chose que du JSON ({type}).</translation>
    </message>
    <message>
        <source>PagerDuty answered {request} with an unexpected shape.</source>
        <translation>PagerDuty a répondu à {request} sous une forme inattendue.</translation>
    </message>
    <message>
        <source>PagerDuty rejected the API token (401). Check it in Settings.</source>
        <translation>PagerDuty a refusé le jeton d’API (401). Vérifiez-le dans les Paramètres.</translation>
    </message>
    <message>
        <source>The PagerDuty token may not do this (403): it may be read-only or lack a permission.{detail}</source>
        <translation>Le jeton PagerDuty n’a pas le droit de faire ceci (403) : il est peut-être en lecture seule ou il lui manque une permission.{detail}</translation>
    </message>
    <message>
        <source>This is an account-level PagerDuty key. The app needs a user API key (My Profile → User Settings → Create API User Token).</source>
        <translation>C’est une clé PagerDuty de niveau compte. L’application a besoin d’une clé d’API utilisateur (My Profile → User Settings → Create API User Token).</translation>
    </message>
    <message>
        <source>The PagerDuty account&apos;s plan does not allow this.{detail}</source>
        <translation>L’abonnement du compte PagerDuty ne permet pas ceci.{detail}</translation>
    </message>
    <message>
        <source>PagerDuty has no such thing: {path}.{detail}</source>
        <translation>PagerDuty ne connaît pas : {path}.{detail}</translation>
    </message>
    <message>
        <source>PagerDuty is rate limiting this token (429).</source>
        <translation>PagerDuty limite le débit de ce jeton (429).</translation>
    </message>
    <message>
        <source>PagerDuty is rate limiting this token (429) and asks to wait {s} s.</source>
        <translation>PagerDuty limite le débit de ce jeton (429) et demande d’attendre {s} s.</translation>
    </message>
    <message>
        <source>PagerDuty is having trouble ({status}).{detail}</source>
        <translation>PagerDuty rencontre des difficultés ({status}).{detail}</translation>
    </message>
    <message>
        <source>PagerDuty refused the request ({status}).{detail}</source>
        <translation>PagerDuty a refusé la requête ({status}).{detail}</translation>
    </message>
    <message>
        <source>PagerDuty&apos;s answer to /users/me has no user in it.</source>
        <translation>La réponse de PagerDuty à /users/me ne contient aucun utilisateur.</translation>
    </message>
    <message>
        <source>PagerDuty&apos;s incident list has no &apos;incidents&apos; in it.</source>
        <translation>La liste d’incidents de PagerDuty ne contient pas de champ « incidents ».</translation>
    </message>
    <message>
        <source>PagerDuty&apos;s on-call list has no &apos;oncalls&apos; in it.</source>
        <translation>La liste d’astreintes de PagerDuty ne contient pas de champ « oncalls ».</translation>
    </message>
    <message>
        <source>The PagerDuty user has no email; cannot sign the update.</source>
        <translation>L’utilisateur PagerDuty n’a pas d’adresse e-mail : impossible de signer la mise à jour.</translation>
    </message>
    <message>
        <source>The PagerDuty user has no email; cannot sign the request.</source>
        <translation>L&apos;utilisateur PagerDuty n&apos;a pas d&apos;adresse e-mail ; impossible de signer la demande.</translation>
    </message>
    <message>
        <source>PagerDuty&apos;s answer has no responder_request in it; ask again.</source>
        <translation>La réponse de PagerDuty ne contient pas de responder_request ; redemandez.</translation>
    </message>
    <message>
        <source>PagerDuty&apos;s answer has no incident in it.</source>
        <translation>La réponse de PagerDuty ne contient aucun incident.</translation>
    </message>
    <message>
        <source>The PagerDuty user has no email; cannot sign the change.</source>
        <translation>L’utilisateur PagerDuty n’a pas d’adresse e-mail : impossible de signer la modification.</translation>
    </message>
    <message>
        <source>PagerDuty&apos;s answer to the update has no incident in it.</source>
        <translation>La réponse de PagerDuty à la mise à jour ne contient aucun incident.</translation>
    </message>
    <message>
        <source>PagerDuty&apos;s answer has no {kind} in it; it will be sent again.</source>
        <translation>La réponse de PagerDuty ne contient pas de {kind} ; le message sera renvoyé.</translation>
    </message>
    <message>
        <source>Secrets are kept in memory only.</source>
        <translation>Les secrets ne sont gardés qu’en mémoire.</translation>
    </message>
    <message>
        <source>No usable keyring was found (GNOME Keyring, KWallet, macOS Keychain or Windows Credential Locker). Tokens for PagerDuty and Slack cannot be stored, so those are off; everything else works.</source>
        <translation>Aucun trousseau utilisable n’a été trouvé (GNOME Keyring, KWallet, trousseau macOS ou Gestionnaire d’identification Windows). Les jetons PagerDuty et Slack ne peuvent pas être enregistrés, ces services sont donc désactivés ; tout le reste fonctionne.</translation>
    </message>
    <message>
        <source>The keyring is locked or did not answer. Unlock it (log in to your desktop session, or open your keyring manager) and try again. Nothing was lost.</source>
        <translation>Le trousseau est verrouillé ou n’a pas répondu. Déverrouillez-le (ouvrez votre session de bureau ou votre gestionnaire de trousseau) et réessayez. Rien n’a été perdu.</translation>
    </message>
    <message>
        <source>The keyring backend {backend} would store tokens unencrypted in a file; the app refuses it. Remove keyrings.alt or set PYTHON_KEYRING_BACKEND to a secure backend.</source>
        <translation>Le trousseau {backend} enregistrerait les jetons en clair dans un fichier ; l’application le refuse. Désinstallez keyrings.alt ou réglez PYTHON_KEYRING_BACKEND sur un trousseau sûr.</translation>
    </message>
    <message>
        <source>The keyring refused the request ({reason}).</source>
        <translation>Le trousseau a refusé la demande ({reason}).</translation>
    </message>
    <message>
        <source>Tokens are stored in {backend}.</source>
        <translation>Les jetons sont enregistrés dans {backend}.</translation>
    </message>
    <message>
        <source>Slack at {url} did not answer in time.</source>
        <translation>Slack ({url}) n’a pas répondu à temps.</translation>
    </message>
    <message>
        <source>Slack at {url} cannot be reached ({reason}).</source>
        <translation>Slack ({url}) est injoignable ({reason}).</translation>
    </message>
    <message>
        <source>Slack is rate limiting this app (429).</source>
        <translation>Slack limite le débit de cette application (429).</translation>
    </message>
    <message>
        <source>Slack refused the request ({status}).</source>
        <translation>Slack a refusé la requête ({status}).</translation>
    </message>
    <message>
        <source>Slack answered {method} with something that is not JSON.</source>
        <translation>Slack a répondu à {method} par autre chose que du JSON.</translation>
    </message>
    <message>
        <source>Slack&apos;s answer to {method} has no &apos;ok&apos; in it.</source>
        <translation>La réponse de Slack à {method} ne contient pas de champ « ok ».</translation>
    </message>
    <message>
        <source>Slack rejected the bot token ({code}). Check it in Settings.</source>
        <translation>Slack a refusé le jeton du bot ({code}). Vérifiez-le dans les Paramètres.</translation>
    </message>
    <message>
        <source>The Slack app lacks a permission for this ({code}).</source>
        <translation>Il manque une permission à l’application Slack pour ceci ({code}).</translation>
    </message>
    <message>
        <source>Slack is rate limiting this app.</source>
        <translation>Slack limite le débit de cette application.</translation>
    </message>
    <message>
        <source>Slack refused the message: {code}.</source>
        <translation>Slack a refusé le message : {code}.</translation>
    </message>
    <message>
        <source>Slack&apos;s answer to chat.postMessage has no &apos;ts&apos; in it.</source>
        <translation>La réponse de Slack à chat.postMessage ne contient pas de champ « ts ».</translation>
    </message>
    <message>
        <source>Slack&apos;s answer to conversations.create has no channel id.</source>
        <translation>La réponse de Slack à conversations.create ne contient pas d’identifiant de canal.</translation>
    </message>
    <message>
        <source>No free incident channel name for {day}.</source>
        <translation>Plus aucun nom de canal d’incident libre pour le {day}.</translation>
    </message>
    <message>
        <source>The Slack webhook cannot be reached ({reason}).</source>
        <translation>Le webhook Slack est injoignable ({reason}).</translation>
    </message>
    <message>
        <source>Slack is rate limiting the webhook (429).</source>
        <translation>Slack limite le débit du webhook (429).</translation>
    </message>
    <message>
        <source>Slack refused the webhook ({answer}).</source>
        <translation>Slack a refusé le webhook ({answer}).</translation>
    </message>
    <message>
        <source>Slack refused the message ({answer}).</source>
        <translation>Slack a refusé le message ({answer}).</translation>
    </message>
    <message>
        <source>The Slack webhook answered {status} without its &apos;ok&apos; ({answer}); the message may not have arrived: it will be sent again.</source>
        <translation>Le webhook Slack a répondu {status} sans son « ok » ({answer}) ; le message n’est peut-être pas arrivé : il sera renvoyé.</translation>
    </message>
    <message>
        <source>Slack is having trouble ({status}).</source>
        <translation>Slack rencontre des difficultés ({status}).</translation>
    </message>
    <message>
        <source>No token: paste your PagerDuty user API token first.</source>
        <translation>Aucun jeton : collez d’abord votre jeton d’API utilisateur PagerDuty.</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>Adresse de l&apos;API</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>Jeton d&apos;API</translation>
    </message>
    <message>
        <source>Service for declared incidents</source>
        <translation>Service des incidents déclarés</translation>
    </message>
    <message>
        <source>Status page</source>
        <translation>Page de statut</translation>
    </message>
    <message>
        <source>Slack: {destination}</source>
        <translation>Slack : {destination}</translation>
    </message>
    <message>
        <source>No token: paste the Slack bot token (xoxb-…) first.</source>
        <translation>Aucun jeton : collez d’abord le jeton du bot Slack (xoxb-…).</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Incidents channel</source>
        <translation>Canal des incidents</translation>
    </message>
    <message>
        <source>Token / webhook</source>
        <translation>Jeton / webhook</translation>
    </message>
    <message>
        <source>No URL: paste the Teams workflow URL first.</source>
        <translation>Pas d&apos;URL : collez d&apos;abord l&apos;URL du workflow Teams.</translation>
    </message>
    <message>
        <source>Teams took the test message; look for it in the channel.</source>
        <translation>Teams a accepté le message de test ; vérifiez qu&apos;il apparaît dans le canal.</translation>
    </message>
    <message>
        <source>No password: type the mail account&apos;s first.</source>
        <translation>Pas de mot de passe : saisissez d’abord celui du compte de messagerie.</translation>
    </message>
    <message>
        <source>The mail server took the account; the summary can be sent.</source>
        <translation>Le serveur de messagerie a accepté le compte ; le résumé peut être envoyé.</translation>
    </message>
    <message>
        <source>The rotation settings are not usable: {reason}</source>
        <translation>Les réglages de la rotation sont inutilisables : {reason}</translation>
    </message>
    <message>
        <source>The rotation is not known yet; try again in a moment.</source>
        <translation>La rotation n’est pas encore connue ; réessayez dans un instant.</translation>
    </message>
    <message>
        <source>The rotation has not started yet: no handoff so far.</source>
        <translation>La rotation n’a pas encore commencé : pas de passation pour l’instant.</translation>
    </message>
    <message>
        <source>No alert source keeps on-call rotations.</source>
        <translation>Aucune source d’alertes ne tient de rotation d’astreinte.</translation>
    </message>
    <message>
        <source>No {source} token is stored: add it in Settings, or tick this by hand once you have checked {source} yourself.</source>
        <translation>Aucun jeton {source} n’est enregistré : ajoutez-le dans les Paramètres, ou cochez ceci à la main après avoir vérifié {source} vous-même.</translation>
    </message>
    <message>
        <source>No PagerDuty token yet: add it in Settings.</source>
        <translation>Pas encore de jeton PagerDuty : ajoutez-le dans les Paramètres.</translation>
    </message>
    <message>
        <source>Could not acknowledge in {source}: {reason}</source>
        <translation>Impossible d’acquitter dans {source} : {reason}</translation>
    </message>
    <message>
        <source>{source} is not connected</source>
        <translation>{source} n’est pas connecté</translation>
    </message>
    <message>
        <source>{source} is not connected yet; escalate there.</source>
        <translation>{source} n’est pas encore connecté ; escaladez là-bas.</translation>
    </message>
    <message>
        <source>Could not request responders in {source}: {reason}</source>
        <translation>Impossible de demander des intervenants dans {source} : {reason}</translation>
    </message>
    <message>
        <source>{source} is not connected yet; declare it there.</source>
        <translation>{source} n’est pas encore connecté ; déclarez-le là-bas.</translation>
    </message>
    <message>
        <source>Could not declare it in {source}: {reason}</source>
        <translation>Impossible de le déclarer dans {source} : {reason}</translation>
    </message>
    <message>
        <source>{source} is not watched here; acknowledge it there.</source>
        <translation>{source} n’est pas suivi ici ; acquittez-le là-bas.</translation>
    </message>
    <message>
        <source>{source}: not set up</source>
        <translation>{source} : non configuré</translation>
    </message>
    <message>
        <source>{source}: connecting…</source>
        <translation>{source} : connexion…</translation>
    </message>
    <message>
        <source>{source}: connected</source>
        <translation>{source} : connecté</translation>
    </message>
    <message>
        <source>{source}: offline</source>
        <translation>{source} : hors ligne</translation>
    </message>
    <message>
        <source>{source}: rate limited</source>
        <translation>{source} : débit limité</translation>
    </message>
    <message>
        <source>{source}: token rejected</source>
        <translation>{source} : jeton refusé</translation>
    </message>
    <message>
        <source>{source}: off, no usable keyring</source>
        <translation>{source} : désactivé, aucun trousseau utilisable</translation>
    </message>
    <message>
        <source>{source}: needs attention</source>
        <translation>{source} : intervention requise</translation>
    </message>
    <message>
        <source>, last poll {seconds} s ago</source>
        <translation>, dernière interrogation il y a {seconds} s</translation>
    </message>
    <message>
        <source>The post-mortem could not be saved anywhere: {reason}</source>
        <translation>Le post-mortem n’a pu être enregistré nulle part : {reason}</translation>
    </message>
    <message>
        <source>The database {where} is locked by another program. Close the other program (or the other copy of this app) and try again.</source>
        <translation>La base de données {where} est verrouillée par un autre programme. Fermez cet autre programme (ou l’autre copie de cette application) et réessayez.</translation>
    </message>
    <message>
        <source>The database file {where} is damaged or is not a database. Move it aside to start afresh, or restore a backup (*.bak files beside it).</source>
        <translation>Le fichier de base de données {where} est endommagé ou n’est pas une base de données. Mettez-le de côté pour repartir de zéro, ou restaurez une sauvegarde (fichiers *.bak à côté).</translation>
    </message>
    <message>
        <source>The database {where} is read-only. Check the folder&apos;s permissions.</source>
        <translation>La base de données {where} est en lecture seule. Vérifiez les droits du dossier.</translation>
    </message>
    <message>
        <source>The database file {where} cannot be opened: the folder is missing or not writable.</source>
        <translation>Le fichier de base de données {where} ne peut pas être ouvert : le dossier est absent ou protégé en écriture.</translation>
    </message>
    <message>
        <source>The disk holding the database {where} is full or failing ({detail}).</source>
        <translation>Le disque de la base de données {where} est plein ou défaillant ({detail}).</translation>
    </message>
    <message>
        <source>The database server refused the login for {where}.</source>
        <translation>Le serveur de base de données a refusé la connexion pour {where}.</translation>
    </message>
    <message>
        <source>The database in {where} does not exist on the server.</source>
        <translation>La base de données de {where} n’existe pas sur le serveur.</translation>
    </message>
    <message>
        <source>The database server at {where} cannot be reached ({detail}).</source>
        <translation>Le serveur de base de données {where} est injoignable ({detail}).</translation>
    </message>
    <message>
        <source>The database {where} cannot be used: {detail}</source>
        <translation>La base de données {where} est inutilisable : {detail}</translation>
    </message>
    <message>
        <source>The database URL is not valid. Expected for example postgresql+psycopg://user@host:5432/oncall, or leave it empty for the built-in SQLite database.</source>
        <translation>L’URL de la base de données n’est pas valide. Exemple attendu : postgresql+psycopg://user@host:5432/oncall, ou laissez-la vide pour la base SQLite intégrée.</translation>
    </message>
    <message>
        <source>Database type &apos;{backend}&apos; is not supported; use PostgreSQL, or leave the URL empty for the built-in SQLite database.</source>
        <translation>Le type de base de données « {backend} » n’est pas pris en charge ; utilisez PostgreSQL, ou laissez l’URL vide pour la base SQLite intégrée.</translation>
    </message>
    <message>
        <source>The data folder {folder} cannot be created ({reason}).</source>
        <translation>Le dossier de données {folder} ne peut pas être créé ({reason}).</translation>
    </message>
    <message>
        <source>The driver for {url} is not installed. Install it with pip install &apos;oncall-desktop[postgresql]&apos;.</source>
        <translation>Le pilote pour {url} n’est pas installé. Installez-le avec pip install &apos;oncall-desktop[postgresql]&apos;.</translation>
    </message>
    <message>
        <source>The database URL {url} is not valid: {reason}</source>
        <translation>L’URL de base de données {url} n’est pas valide : {reason}</translation>
    </message>
    <message>
        <source>A team database is PostgreSQL (postgresql://user@host/database); leave the address empty for this computer&apos;s own database.</source>
        <translation>Une base d’équipe est PostgreSQL (postgresql://utilisateur@hôte/base) ; laissez l’adresse vide pour la base propre à cet ordinateur.</translation>
    </message>
    <message>
        <source>Connected to {server} as {role}. The database has no tables of this app yet: they are made at its first start on it.</source>
        <translation>Connecté à {server} en tant que {role}. La base n’a pas encore les tables de l’application : elles sont créées à son premier démarrage sur elle.</translation>
    </message>
    <message>
        <source>Connected to {server} as {role}. The app&apos;s tables are there (schema {revision}).</source>
        <translation>Connecté à {server} en tant que {role}. Les tables de l’application sont là (schéma {revision}).</translation>
    </message>
    <message>
        <source>The database {url} could not be migrated.</source>
        <translation>La base de données {url} n’a pas pu être mise à jour.</translation>
    </message>
    <message>
        <source>The database {url} was written by a newer version of oncall-desktop (schema {revision}). Update the app; nothing was changed.</source>
        <translation>La base de données {url} a été écrite par une version plus récente d’oncall-desktop (schéma {revision}). Mettez l’application à jour ; rien n’a été modifié.</translation>
    </message>
    <message>
        <source>The database {url} holds some of oncall-desktop&apos;s tables but no schema version: an older version was interrupted while creating it. Use a new, empty database, or drop those tables, then start again.</source>
        <translation>La base de données {url} contient une partie des tables d’oncall-desktop mais aucune version de schéma : une version plus ancienne a été interrompue pendant sa création. Utilisez une base neuve et vide, ou supprimez ces tables, puis relancez.</translation>
    </message>
    <message>
        <source>The database file was left incomplete by an interrupted first start; it was moved aside to {aside} and a new one was created.</source>
        <translation>Le fichier de base de données était resté incomplet après un premier démarrage interrompu ; il a été mis de côté sous {aside} et un nouveau a été créé.</translation>
    </message>
    <message>
        <source>{key}: {problem}</source>
        <translation>{key} : {problem}</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>absent</translation>
    </message>
    <message>
        <source>expected a table, got {type}</source>
        <translation>une table est attendue, reçu {type}</translation>
    </message>
    <message>
        <source>expected a list, got {type}</source>
        <translation>une liste est attendue, reçu {type}</translation>
    </message>
    <message>
        <source>expected text, got {type}</source>
        <translation>un texte est attendu, reçu {type}</translation>
    </message>
    <message>
        <source>must not be empty</source>
        <translation>ne doit pas être vide</translation>
    </message>
    <message>
        <source>expected true or false, got {value}</source>
        <translation>true ou false attendu, reçu {value}</translation>
    </message>
    <message>
        <source>expected a number, got {value}</source>
        <translation>un nombre est attendu, reçu {value}</translation>
    </message>
    <message>
        <source>expected a finite number, got {value}</source>
        <translation>un nombre fini est attendu, pas {value}</translation>
    </message>
    <message>
        <source>must be at least {minimum}, got {value}</source>
        <translation>doit valoir au moins {minimum}, reçu {value}</translation>
    </message>
    <message>
        <source>must be at most {maximum}, got {value}</source>
        <translation>doit valoir au plus {maximum}, reçu {value}</translation>
    </message>
    <message>
        <source>expected a whole number, got {value}</source>
        <translation>un nombre entier est attendu, reçu {value}</translation>
    </message>
    <message>
        <source>missing translation</source>
        <translation>traduction absente</translation>
    </message>
    <message>
        <source>fr has {fr} entries but en has {en}</source>
        <translation>fr a {fr} entrées mais en en a {en}</translation>
    </message>
    <message>
        <source>{value} is not one of {allowed}</source>
        <translation>{value} ne fait pas partie de {allowed}</translation>
    </message>
    <message>
        <source>name a PagerDuty user or an escalation policy, not both</source>
        <translation>indiquez un utilisateur PagerDuty ou une politique d&apos;escalade, pas les deux</translation>
    </message>
    <message>
        <source>{value} is not a date (YYYY-MM-DD)</source>
        <translation>{value} n’est pas une date (AAAA-MM-JJ)</translation>
    </message>
    <message>
        <source>the template needs the sections {sections}</source>
        <translation>le modèle a besoin des sections {sections}</translation>
    </message>
    <message>
        <source>id {id} appears twice</source>
        <translation>l’identifiant {id} apparaît deux fois</translation>
    </message>
    <message>
        <source>must be above 0 for &apos;if_unresolved&apos;</source>
        <translation>doit être supérieur à 0 pour &apos;if_unresolved&apos;</translation>
    </message>
    <message>
        <source>{mode} is not one of required, optional</source>
        <translation>{mode} ne fait pas partie de required, optional</translation>
    </message>
    <message>
        <source>is shorter than the acknowledge SLA</source>
        <translation>est plus court que le SLA d’acquittement</translation>
    </message>
    <message>
        <source>acknowledge SLAs must not be shorter for a lower severity</source>
        <translation>les SLA d’acquittement ne doivent pas être plus courts pour une sévérité moindre</translation>
    </message>
    <message>
        <source>is above sev1_users_above_percent</source>
        <translation>est supérieur à sev1_users_above_percent</translation>
    </message>
    <message>
        <source>is above sev1_revenue_above_per_hour</source>
        <translation>est supérieur à sev1_revenue_above_per_hour</translation>
    </message>
    <message>
        <source>start and end must both be set, or both be -1</source>
        <translation>le début et la fin doivent être tous deux renseignés, ou tous deux à -1</translation>
    </message>
    <message>
        <source>must be after start_minutes ({start})</source>
        <translation>doit être après start_minutes ({start})</translation>
    </message>
    <message>
        <source>a phase needs at least one step</source>
        <translation>une phase a besoin d’au moins une étape</translation>
    </message>
    <message>
        <source>at least one phase is needed</source>
        <translation>au moins une phase est nécessaire</translation>
    </message>
    <message>
        <source>is not a step of the checklist</source>
        <translation>n’est pas une étape de la liste</translation>
    </message>
    <message>
        <source>{weekday} is not a day of the week</source>
        <translation>{weekday} n’est pas un jour de la semaine</translation>
    </message>
    <message>
        <source>only http and https links are allowed</source>
        <translation>seuls les liens http et https sont acceptés</translation>
    </message>
    <message>
        <source>{section}: unknown section, ignored</source>
        <translation>{section} : section inconnue, ignorée</translation>
    </message>
    <message>
        <source>{key}: {problem} (the defaults for &apos;{section}&apos; stay)</source>
        <translation>{key} : {problem} (les valeurs par défaut de « {section} » restent)</translation>
    </message>
    <message>
        <source>{file}: cannot be read ({reason}); the defaults stay</source>
        <translation>{file} : illisible ({reason}) ; les valeurs par défaut restent</translation>
    </message>
    <message>
        <source>{name}: expected true or false, got {value}</source>
        <translation>{name} : true ou false attendu, reçu {value}</translation>
    </message>
    <message>
        <source>{name}: expected a whole number, got {value}</source>
        <translation>{name} : un nombre entier est attendu, reçu {value}</translation>
    </message>
    <message>
        <source>{name}: expected text, got {value}</source>
        <translation>{name} : un texte est attendu, reçu {value}</translation>
    </message>
    <message>
        <source>{name}: {value} is not one of {allowed}</source>
        <translation>{name} : {value} ne fait pas partie de {allowed}</translation>
    </message>
    <message>
        <source>{name}: must be at least {minimum}, got {value}</source>
        <translation>{name} : doit valoir au moins {minimum}, reçu {value}</translation>
    </message>
    <message>
        <source>{name}: must be at most {maximum}, got {value}</source>
        <translation>{name} : doit valoir au plus {maximum}, pas {value}</translation>
    </message>
    <message>
        <source>{name}: longer than {maximum} characters</source>
        <translation>{name} : plus de {maximum} caractères</translation>
    </message>
    <message>
        <source>{name}: {value} is not in the expected form</source>
        <translation>{name} : {value} n’a pas la forme attendue</translation>
    </message>
    <message>
        <source>{name}: expected names and values, got {value}</source>
        <translation>{name} : des noms et des valeurs étaient attendus, reçu {value}</translation>
    </message>
    <message>
        <source>schema_version: {version} is newer than this app understands; known settings are read, the file is not rewritten in an older format</source>
        <translation>schema_version : {version} est plus récent que ce que cette application comprend ; les réglages connus sont lus, le fichier n’est pas réécrit dans un format plus ancien</translation>
    </message>
    <message>
        <source>{problem}; the default is used</source>
        <translation>{problem} ; la valeur par défaut est utilisée</translation>
    </message>
    <message>
        <source>{key}: unknown setting, ignored</source>
        <translation>{key} : réglage inconnu, ignoré</translation>
    </message>
    <message>
        <source>{count} unknown settings ignored: {keys}</source>
        <translation>{count} paramètres inconnus ignorés : {keys}</translation>
    </message>
    <message>
        <source>{file}: {reason}; defaults used</source>
        <translation>{file} : {reason} ; valeurs par défaut utilisées</translation>
    </message>
    <message>
        <source>{file}: {reason}; defaults used; kept as {aside}</source>
        <translation>{file} : {reason} ; valeurs par défaut utilisées ; conservé sous {aside}</translation>
    </message>
    <message>
        <source>The log file {file} cannot be written ({reason}); logging to stderr.</source>
        <translation>Le fichier journal {file} ne peut pas être écrit ({reason}) ; journalisation sur stderr.</translation>
    </message>
    <message>
        <source>The database could not be migrated.</source>
        <translation>La base de données n’a pas pu être mise à jour.</translation>
    </message>
    <message>
        <source>The database could not be migrated ({reason}).</source>
        <translation>La base de données n’a pas pu être mise à jour ({reason}).</translation>
    </message>
    <message>
        <source>The keyring helper gave an answer that was not understood.</source>
        <translation>L’assistant du trousseau a donné une réponse incompréhensible.</translation>
    </message>
    <message>
        <source>The keyring helper could not start ({reason}).</source>
        <translation>L’assistant du trousseau n’a pas pu démarrer ({reason}).</translation>
    </message>
    <message>
        <source>The Teams workflow cannot be reached ({reason}).</source>
        <translation>Le workflow Teams est injoignable ({reason}).</translation>
    </message>
    <message>
        <source>Teams is rate limiting the workflow (429).</source>
        <translation>Teams limite le débit du workflow (429).</translation>
    </message>
    <message>
        <source>Teams is having trouble ({status}).</source>
        <translation>Teams rencontre un problème ({status}).</translation>
    </message>
    <message>
        <source>Teams refused the workflow URL ({status}): it was removed or turned off. Check it in Settings.</source>
        <translation>Teams a refusé l’URL du workflow ({status}) : il a été supprimé ou désactivé. Vérifiez-la dans les Paramètres.</translation>
    </message>
    <message>
        <source>Teams refused the message ({status}).</source>
        <translation>Teams a refusé le message ({status}).</translation>
    </message>
    <message>
        <source>The Teams workflow answered {status} without accepting the message; it will be sent again.</source>
        <translation>Le workflow Teams a répondu {status} sans accepter le message ; il sera renvoyé.</translation>
    </message>
    <message>
        <source>Microsoft Teams: the workflow&apos;s channel</source>
        <translation>Microsoft Teams : le canal du workflow</translation>
    </message>
    <message>
        <source>Test from oncall-desktop: incident updates will be posted in this channel.</source>
        <translation>Test depuis oncall-desktop : les mises à jour d&apos;incident seront publiées dans ce canal.</translation>
    </message>
    <message>
        <source>Post the internal updates to Teams too</source>
        <translation>Publier aussi les mises à jour internes dans Teams</translation>
    </message>
    <message>
        <source>Workflow URL</source>
        <translation>URL du workflow</translation>
    </message>
    <message>
        <source>The Workflows webhook URL (kept in the OS keyring)</source>
        <translation>L’URL du webhook Workflows (conservée dans le trousseau du système)</translation>
    </message>
    <message>
        <source>Send a test message</source>
        <translation>Envoyer un message de test</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <source>In Teams: the channel&apos;s Workflows, &apos;Post to a channel when a webhook request is received&apos;, then copy its URL here.</source>
        <translation>Dans Teams : les Workflows du canal, « Publier dans un canal lorsqu’une requête webhook est reçue », puis copiez son URL ici.</translation>
    </message>
    <message>
        <source>This status-page post has no page to go to; choose one in Settings.</source>
        <translation>Cette publication pour la page de statut n&apos;a pas de page de destination ; choisissez-en une dans les Paramètres.</translation>
    </message>
    <message>
        <source>PagerDuty&apos;s answer has no {what} in it.</source>
        <translation>La réponse de PagerDuty ne contient pas de {what}.</translation>
    </message>
    <message>
        <source>The status page has no impact levels for incidents; set them up in PagerDuty.</source>
        <translation>La page de statut n&apos;a pas de niveaux d&apos;impact pour les incidents ; configurez-les dans PagerDuty.</translation>
    </message>
    <message>
        <source>The status page has no resolved status for incidents; set it up in PagerDuty.</source>
        <translation>La page de statut n&apos;a pas de statut « résolu » pour les incidents ; configurez-le dans PagerDuty.</translation>
    </message>
    <message>
        <source>The status page has no severities for incidents; set them up in PagerDuty.</source>
        <translation>La page de statut n&apos;a pas de niveaux de gravité pour les incidents ; configurez-les dans PagerDuty.</translation>
    </message>
    <message>
        <source>PagerDuty&apos;s answer has no post in it; it will be sent again.</source>
        <translation>La réponse de PagerDuty ne contient pas la publication ; elle sera renvoyée.</translation>
    </message>
    <message>
        <source>PagerDuty&apos;s answer has no post_update in it; it will be sent again.</source>
        <translation>La réponse de PagerDuty ne contient pas la mise à jour ; elle sera renvoyée.</translation>
    </message>
    <message>
        <source>This incident has no post on the status page to attach a post-mortem to.</source>
        <translation>Cet incident n&apos;a pas de publication sur la page de statut à laquelle joindre un post-mortem.</translation>
    </message>
    <message>
        <source>PagerDuty&apos;s answer has no postmortem in it; it will be sent again.</source>
        <translation>La réponse de PagerDuty ne contient pas le post-mortem ; il sera renvoyé.</translation>
    </message>
    <message>
        <source>Waits for this incident&apos;s earlier status-page update to go out first.</source>
        <translation>Attend que la mise à jour précédente de cet incident pour la page de statut soit partie.</translation>
    </message>
    <message>
        <source>The PagerDuty plan has no status pages (402): post this on the status page by hand and use Mark sent, or turn the status page off in Settings.</source>
        <translation>L&apos;offre PagerDuty ne comprend pas les pages de statut (402) : publiez ce message à la main sur la page de statut puis « Marquer envoyée », ou désactivez la page de statut dans les Paramètres.</translation>
    </message>
    <message>
        <source>This PagerDuty user may not post on the status page (403): ask an admin for the Status Pages permission, or post it by hand and use Mark sent.</source>
        <translation>Cet utilisateur PagerDuty ne peut pas publier sur la page de statut (403) : demandez à un administrateur le droit Status Pages, ou publiez à la main puis « Marquer envoyée ».</translation>
    </message>
    <message>
        <source>Status page: {destination}</source>
        <translation>Page de statut : {destination}</translation>
    </message>
    <message>
        <source>This mail&apos;s route is unreadable ({reason}).</source>
        <translation>La destination de ce message est illisible ({reason}).</translation>
    </message>
    <message>
        <source>The mail server refused the account or password ({code}). Check them in Settings.</source>
        <translation>Le serveur de messagerie a refusé le compte ou le mot de passe ({code}). Vérifiez-les dans les Paramètres.</translation>
    </message>
    <message>
        <source>The mail server refused every recipient: {addresses}.</source>
        <translation>Le serveur de messagerie a refusé tous les destinataires : {addresses}.</translation>
    </message>
    <message>
        <source>The mail server asks to try again later ({code}).</source>
        <translation>Le serveur de messagerie demande de réessayer plus tard ({code}).</translation>
    </message>
    <message>
        <source>This mail has no recipient.</source>
        <translation>Ce message n’a aucun destinataire.</translation>
    </message>
    <message>
        <source>The mail server&apos;s CA file {file} cannot be used ({reason}). Choose it again in Settings.</source>
        <translation>Le fichier d’autorité (CA) du serveur de messagerie {file} est inutilisable ({reason}). Choisissez-le de nouveau dans les Paramètres.</translation>
    </message>
    <message>
        <source>The mail server refused the sender {sender} ({answer}). Check it in Settings.</source>
        <translation>Le serveur de messagerie a refusé l’expéditeur {sender} ({answer}). Vérifiez-le dans les Paramètres.</translation>
    </message>
    <message>
        <source>The mail server refused the mail ({code}).</source>
        <translation>Le serveur de messagerie a refusé le message ({code}).</translation>
    </message>
    <message>
        <source>The mail server does not offer what Settings ask (STARTTLS or login).</source>
        <translation>Le serveur de messagerie ne propose pas ce que demandent les Paramètres (STARTTLS ou connexion).</translation>
    </message>
    <message>
        <source>The mail server&apos;s certificate is not trusted ({reason}). If a private authority issued it, choose its CA file in Settings.</source>
        <translation>Le certificat du serveur de messagerie n’est pas reconnu ({reason}). S’il vient d’une autorité privée, choisissez son fichier d’autorité (CA) dans les Paramètres.</translation>
    </message>
    <message>
        <source>The mail server&apos;s encryption failed ({reason}).</source>
        <translation>Le chiffrement avec le serveur de messagerie a échoué ({reason}).</translation>
    </message>
    <message>
        <source>The mail server {host} cannot be reached ({reason}).</source>
        <translation>Le serveur de messagerie {host} est injoignable ({reason}).</translation>
    </message>
    <message>
        <source>The mail server had the whole mail, then its answer was lost ({reason}): it may have arrived.</source>
        <translation>Le serveur de messagerie avait tout le message, puis sa réponse s’est perdue ({reason}) : il est peut-être arrivé.</translation>
    </message>
    <message>
        <source> Already taken by {addresses}.</source>
        <translation> Déjà accepté pour {addresses}.</translation>
    </message>
    <message>
        <source>The mail server asks to try again later for {waiting}: tried again for them alone.{taken}</source>
        <translation>Le serveur de messagerie demande de réessayer plus tard pour {waiting} : nouvel essai pour eux seuls.{taken}</translation>
    </message>
    <message>
        <source>{message_id}: taken by {took}; refused for good by {refused}</source>
        <translation>{message_id} : accepté pour {took} ; refusé définitivement pour {refused}</translation>
    </message>
    <message>
        <source>The mail server answered {code} to a NOOP.</source>
        <translation>Le serveur de messagerie a répondu {code} à un NOOP.</translation>
    </message>
    <message>
        <source>No mail server in Settings: set one up under Executive mail, then Edit and resend.</source>
        <translation>Aucun serveur de messagerie dans les Paramètres : configurez-en un sous E-mail aux dirigeants, puis Modifier et renvoyer.</translation>
    </message>
    <message>
        <source>Email the executives through {destination}</source>
        <translation>Envoyer aux dirigeants par e-mail via {destination}</translation>
    </message>
    <message>
        <source>Open it in my mail client (executives)</source>
        <translation>L’ouvrir dans mon client de messagerie (direction)</translation>
    </message>
    <message>
        <source>Mail server (SMTP)</source>
        <translation>Serveur de messagerie (SMTP)</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Expéditeur</translation>
    </message>
    <message>
        <source>{source} is not set up on this console</source>
        <translation>{source} n’est pas configuré sur cette console</translation>
    </message>
    <message>
        <source>Alertmanager at {url} did not answer in time.</source>
        <translation>Alertmanager à {url} n’a pas répondu à temps.</translation>
    </message>
    <message>
        <source>Alertmanager at {url} cannot be reached ({reason}).</source>
        <translation>Alertmanager à {url} est injoignable ({reason}).</translation>
    </message>
    <message>
        <source>Alertmanager answered {request} with something that is not JSON ({type}): is {url} the Alertmanager&apos;s address?</source>
        <translation>Alertmanager a répondu à {request} par autre chose que du JSON ({type}) : {url} est-elle bien l’adresse de l’Alertmanager ?</translation>
    </message>
    <message>
        <source>Alertmanager at {url} refused the credentials (401): check the user, password or bearer token in Settings.</source>
        <translation>Alertmanager à {url} a refusé les identifiants (401) : vérifiez l’utilisateur, le mot de passe ou le jeton porteur dans les Paramètres.</translation>
    </message>
    <message>
        <source>Alertmanager at {url} does not allow this (403).{detail}</source>
        <translation>Alertmanager à {url} ne permet pas ceci (403).{detail}</translation>
    </message>
    <message>
        <source>{url} has no {request} (404): is it the Alertmanager&apos;s address, with API v2?</source>
        <translation>{url} n’a pas de {request} (404) : est-ce bien l’adresse de l’Alertmanager, avec l’API v2 ?</translation>
    </message>
    <message>
        <source>Alertmanager is rate limiting us (429).</source>
        <translation>Alertmanager limite notre débit (429).</translation>
    </message>
    <message>
        <source>Alertmanager is rate limiting us (429) and asks to wait {s} s.</source>
        <translation>Alertmanager limite notre débit (429) et demande d’attendre {s} s.</translation>
    </message>
    <message>
        <source>Alertmanager is having trouble ({status}).{detail}</source>
        <translation>Alertmanager rencontre un problème ({status}).{detail}</translation>
    </message>
    <message>
        <source>Alertmanager refused {request} ({status}).{detail}</source>
        <translation>Alertmanager a refusé {request} ({status}).{detail}</translation>
    </message>
    <message>
        <source>Alertmanager&apos;s answer to {path} is not a list.</source>
        <translation>La réponse d’Alertmanager à {path} n’est pas une liste.</translation>
    </message>
    <message>
        <source>Alertmanager&apos;s status is not an object.</source>
        <translation>L’état renvoyé par Alertmanager n’est pas un objet.</translation>
    </message>
    <message>
        <source>Alertmanager&apos;s answer has no silence id in it.</source>
        <translation>La réponse d’Alertmanager ne contient pas d’identifiant de silence.</translation>
    </message>
    <message>
        <source>Alertmanager no longer has this alert firing: it has resolved, there is nothing to silence.</source>
        <translation>Cette alerte ne se déclenche plus dans Alertmanager : elle est résolue, il n’y a rien à mettre en silence.</translation>
    </message>
    <message>
        <source>Alertmanager has no on-call rotation: take it from the settings.</source>
        <translation>Alertmanager n’a pas de rotation d’astreinte : prenez-la dans les paramètres.</translation>
    </message>
    <message>
        <source>No Alertmanager address yet: add it in Settings.</source>
        <translation>Pas encore d’adresse Alertmanager : ajoutez-la dans les Paramètres.</translation>
    </message>
    <message>
        <source>The Alertmanager address must start with http:// or https://.</source>
        <translation>L’adresse d’Alertmanager doit commencer par http:// ou https://.</translation>
    </message>
    <message>
        <source>The Alertmanager matchers cannot be read ({reason}).</source>
        <translation>Les filtres d’étiquettes Alertmanager sont illisibles ({reason}).</translation>
    </message>
    <message>
        <source>Connected to Alertmanager {version} at {url}: {count} alert(s) firing for these matchers.</source>
        <translation>Connecté à Alertmanager {version} à {url} : {count} alerte(s) déclenchée(s) pour ces filtres.</translation>
    </message>
    <message>
        <source>Alertmanager matchers look like team=&quot;payments&quot;, env=~&quot;prod.*&quot;.</source>
        <translation>Les filtres Alertmanager s’écrivent team=&quot;payments&quot;, env=~&quot;prod.*&quot;.</translation>
    </message>
    <message>
        <source>Page me from this Alertmanager too</source>
        <translation>M’alerter aussi depuis cet Alertmanager</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>The Alertmanager address must start with http:// or https://</source>
        <translation>L’adresse d’Alertmanager doit commencer par http:// ou https://</translation>
    </message>
    <message>
        <source>Give the Alertmanager&apos;s address, e.g. http://alertmanager:9093.</source>
        <translation>Indiquez l’adresse de l’Alertmanager, par ex. http://alertmanager:9093.</translation>
    </message>
    <message>
        <source>Receiver</source>
        <translation>Destinataire (receiver)</translation>
    </message>
    <message>
        <source>Empty: every receiver</source>
        <translation>Vide : tous les destinataires</translation>
    </message>
    <message>
        <source>Matchers</source>
        <translation>Filtres d’étiquettes</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utilisateur</translation>
    </message>
    <message>
        <source>Empty: no basic authentication</source>
        <translation>Vide : pas d’authentification basique</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Basic-auth password (kept in the OS keyring)</source>
        <translation>Mot de passe d’authentification basique (gardé dans le trousseau du système)</translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation>Jeton porteur</translation>
    </message>
    <message>
        <source>Bearer token (kept in the OS keyring)</source>
        <translation>Jeton porteur (gardé dans le trousseau du système)</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <source>Acknowledge silences the alert until the procedure&apos;s resolve time; resolve lifts that silence. Responder requests and status updates stay PagerDuty&apos;s.</source>
        <translation>Acquitter met l’alerte en silence jusqu’au délai de résolution de la procédure ; résoudre lève ce silence. Les demandes de renfort et les points d’étape restent propres à PagerDuty.</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Test…</translation>
    </message>
    <message>
        <source>The {title} address must start with http:// or https://</source>
        <translation>L’adresse de {title} doit commencer par http:// ou https://</translation>
    </message>
    <message>
        <source>{title}: {label} is not in the expected form</source>
        <translation>{title} : {label} n’a pas la forme attendue</translation>
    </message>
    <message>
        <source>PagerDuty status update</source>
        <translation>Mise à jour de statut PagerDuty</translation>
    </message>
    <message>
        <source>No integration here opens a channel for an incident.</source>
        <translation>Aucune intégration ici n’ouvre de canal pour un incident.</translation>
    </message>
    <message>
        <source>{why} “{title}” is not acknowledged in {source}: it keeps escalating.</source>
        <translation>{why} « {title} » n’est pas acquittée dans {source} : l’escalade continue.</translation>
    </message>
    <message>
        <source>“{title}” was acknowledged in {source} by {who}.</source>
        <translation>« {title} » a été acquittée dans {source} par {who}.</translation>
    </message>
    <message>
        <source>“{title}” was acknowledged in {source} after all.</source>
        <translation>« {title} » a finalement bien été acquittée dans {source}.</translation>
    </message>
    <message>
        <source>as last read from {source} at {when}</source>
        <translation>telles que lues dans {source} à {when}</translation>
    </message>
    <message>
        <source>{source} is limiting how often it may be read: pages waiting there may be missing here. Last read: {when}. {why}</source>
        <translation>{source} limite la fréquence des lectures : des alertes en attente là-bas peuvent manquer ici. Dernière lecture : {when}. {why}</translation>
    </message>
    <message>
        <source>{source} cannot be reached: pages waiting there may be missing here. Last read: {when}. {why}</source>
        <translation>{source} est injoignable : des alertes en attente là-bas peuvent manquer ici. Dernière lecture : {when}. {why}</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
</context>
<context>
    <name>ActionItemsTable</name>
    <message>
        <source>Planned</source>
        <translation>Planifiée</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Programmée</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>En retard</translation>
    </message>
</context>
<context>
    <name>ActionItemsWindow</name>
    <message>
        <source>Post-mortem action items</source>
        <translation>Actions des post-mortems</translation>
    </message>
    <message>
        <source>Show done items</source>
        <translation>Afficher les actions terminées</translation>
    </message>
    <message>
        <source>Post-mortem</source>
        <translation>Post-mortem</translation>
    </message>
    <message>
        <source>#</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>En retard</translation>
    </message>
</context>
<context>
    <name>AlertController</name>
    <message>
        <source>🔴 High urgency · %1</source>
        <translation>🔴 Urgence haute · %1</translation>
    </message>
    <message>
        <source>Low urgency · %1</source>
        <translation>Urgence basse · %1</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Acquitter</translation>
    </message>
    <message numerus="yes">
        <source>%n more page(s) to acknowledge</source>
        <translation>
            <numerusform>%n autre page à acquitter</numerusform>
            <numerusform>%n autres pages à acquitter</numerusform>
        </translation>
    </message>
    <message>
        <source>Acknowledged in %1 by %2</source>
        <translation>Acquittée dans %1 par %2</translation>
    </message>
    <message>
        <source>Acknowledged in %1 · open it to work it</source>
        <translation>Acquittée dans %1 · ouvrez-la pour la traiter</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>NOT acknowledged in %1: it keeps escalating</source>
        <translation>NON acquittée dans %1 : l’escalade continue</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>That page is no longer assigned to you.</source>
        <translation>Cette alerte ne vous est plus assignée.</translation>
    </message>
    <message>
        <source>On-call Desktop is still running</source>
        <translation>On-call Desktop tourne toujours</translation>
    </message>
    <message>
        <source>Alerts keep coming to the tray. Quit from the tray menu.</source>
        <translation>Les alertes continuent d&apos;arriver dans la zone de notification. Quittez depuis son menu.</translation>
    </message>
</context>
<context>
    <name>AlertSourceBar</name>
    <message>
        <source>Retry</source>
        <translation>Réessayer</translation>
    </message>
    <message>
        <source>Resolve here only</source>
        <translation>Résoudre ici seulement</translation>
    </message>
    <message>
        <source>Resolves the incident in this console; the page stays open in its source</source>
        <translation>Résout l’incident dans cette console ; l’alerte reste ouverte dans sa source</translation>
    </message>
    <message>
        <source>%1: not acknowledged; it keeps escalating until it is.</source>
        <translation>%1 : non acquitté ; l’escalade continue tant qu’il ne l’est pas.</translation>
    </message>
    <message>
        <source>Resolve in %1</source>
        <translation>Résoudre dans %1</translation>
    </message>
    <message>
        <source>Resolved here only: still open in %1.</source>
        <translation>Résolu ici seulement : toujours ouvert dans %1.</translation>
    </message>
    <message>
        <source>%1: resolved.</source>
        <translation>%1 : résolu.</translation>
    </message>
    <message>
        <source>Acknowledge in %1</source>
        <translation>Acquitter dans %1</translation>
    </message>
    <message>
        <source>%1: triggered again; it escalates until acknowledged.</source>
        <translation>%1 : de nouveau déclenché ; l’escalade continue jusqu’à l’acquittement.</translation>
    </message>
    <message>
        <source>%1: acknowledged by %2.</source>
        <translation>%1 : acquitté par %2.</translation>
    </message>
    <message>
        <source>%1: acknowledged.</source>
        <translation>%1 : acquitté.</translation>
    </message>
    <message>
        <source>%1 has not acknowledged it: %2 It keeps escalating there.</source>
        <translation>%1 ne l’a pas acquitté : %2 L’escalade continue là-bas.</translation>
    </message>
    <message>
        <source>%1 has not resolved it: %2 It is still open there.</source>
        <translation>%1 ne l’a pas résolu : %2 Il y est toujours ouvert.</translation>
    </message>
    <message>
        <source>Asking %1 to acknowledge…</source>
        <translation>Demande d’acquittement à %1…</translation>
    </message>
    <message>
        <source>Asking %1 to resolve…</source>
        <translation>Demande de résolution à %1…</translation>
    </message>
    <message>
        <source>Acknowledge asked of %1 at %2 never got an answer: it may not be done there.</source>
        <translation>L’acquittement demandé à %1 à %2 n’a jamais eu de réponse : il n’est peut-être pas fait là-bas.</translation>
    </message>
    <message>
        <source>Resolve asked of %1 at %2 never got an answer: it may not be done there.</source>
        <translation>La résolution demandée à %1 à %2 n’a jamais eu de réponse : elle n’est peut-être pas faite là-bas.</translation>
    </message>
</context>
<context>
    <name>ChecklistModel</name>
    <message>
        <source>the page was received</source>
        <translation>l’alerte a été reçue</translation>
    </message>
    <message>
        <source>the incident was acknowledged</source>
        <translation>l’incident a été acquitté</translation>
    </message>
    <message>
        <source>the severity was set</source>
        <translation>la sévérité a été fixée</translation>
    </message>
    <message>
        <source>the declaration was posted</source>
        <translation>la déclaration a été publiée</translation>
    </message>
    <message>
        <source>an escalation contact was reached</source>
        <translation>un contact d’escalade a été prévenu</translation>
    </message>
    <message>
        <source>an update was sent</source>
        <translation>une mise à jour a été envoyée</translation>
    </message>
    <message>
        <source>the incident was resolved</source>
        <translation>l’incident a été résolu</translation>
    </message>
    <message>
        <source>a resolution notice was sent</source>
        <translation>un avis de résolution a été envoyé</translation>
    </message>
    <message>
        <source>Phase / step</source>
        <translation>Phase / étape</translation>
    </message>
    <message>
        <source>Time box / done</source>
        <translation>Délai / fait</translation>
    </message>
    <message>
        <source>after resolution</source>
        <translation>après la résolution</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>à partir de %1</translation>
    </message>
    <message>
        <source>%1 · over by %2 min</source>
        <translation>%1 · dépassé de %2 min</translation>
    </message>
    <message>
        <source>%1 · %2 min left</source>
        <translation>%1 · %2 min restantes</translation>
    </message>
    <message>
        <source>by the app</source>
        <translation>par l’application</translation>
    </message>
    <message>
        <source>Ticked by the app: %1</source>
        <translation>Coché par l’application : %1</translation>
    </message>
</context>
<context>
    <name>ClocksPanel</name>
    <message>
        <source>Clocks</source>
        <translation>Chronomètres</translation>
    </message>
    <message>
        <source>Acknowledge SLA</source>
        <translation>SLA d&apos;acquittement</translation>
    </message>
    <message>
        <source>Resolve SLA</source>
        <translation>SLA de résolution</translation>
    </message>
    <message>
        <source>Monitoring (5.1)</source>
        <translation>Surveillance (5.1)</translation>
    </message>
    <message>
        <source>Compose…</source>
        <translation>Rédiger…</translation>
    </message>
    <message>
        <source>Mark sent</source>
        <translation>Marquer envoyée</translation>
    </message>
    <message>
        <source>Snooze…</source>
        <translation>Mettre en pause…</translation>
    </message>
    <message>
        <source>Edit and resend…</source>
        <translation>Modifier et renvoyer…</translation>
    </message>
    <message>
        <source>done: the incident can be closed</source>
        <translation>terminée : l’incident peut être clos</translation>
    </message>
    <message>
        <source>OVERDUE %1</source>
        <translation>EN RETARD %1</translation>
    </message>
    <message>
        <source>%1 (snoozed)</source>
        <translation>%1 (en pause)</translation>
    </message>
    <message>
        <source>%1: copy of this update not posted there · %2</source>
        <translation>%1 : copie de cette mise à jour non publiée là-bas · %2</translation>
    </message>
    <message>
        <source>%1: update not sent · %2</source>
        <translation>%1 : mise à jour non envoyée · %2</translation>
    </message>
    <message>
        <source>%1 refused the update (%2): not sent · %3</source>
        <translation>%1 a refusé la mise à jour (%2) : non envoyée · %3</translation>
    </message>
    <message>
        <source>%1 refused the copy of this update (%2): not posted there · %3</source>
        <translation>%1 a refusé la copie de cette mise à jour (%2) : non publiée là-bas · %3</translation>
    </message>
    <message>
        <source>met (%1 to spare)</source>
        <translation>tenu (%1 d&apos;avance)</translation>
    </message>
    <message>
        <source>BREACHED %1</source>
        <translation>DÉPASSÉ %1</translation>
    </message>
    <message>
        <source>%1 clock since the change, %2 spent before</source>
        <translation>horloge %1 depuis le changement, %2 écoulé avant</translation>
    </message>
</context>
<context>
    <name>CockpitController</name>
    <message>
        <source>The status page&apos;s services could not be listed (%1): this update names all of them, and the next one asks again.</source>
        <translation>Les services de la page de statut n’ont pas pu être listés (%1) : cette mise à jour les nomme tous, et la suivante redemandera.</translation>
    </message>
    <message>
        <source>Not posted on the status page: the text is on the clipboard.</source>
        <translation>Rien de publié sur la page de statut : le texte est dans le presse-papiers.</translation>
    </message>
    <message>
        <source>

[…] The full text is on the clipboard: paste it here.</source>
        <translation>

[…] Le texte complet est dans le presse-papiers : collez-le ici.</translation>
    </message>
    <message>
        <source>No mail client could be opened: the executive summary was not sent. It is on the clipboard, to mail by hand.</source>
        <translation>Aucun client de messagerie n’a pu s’ouvrir : le résumé pour la direction n’a pas été envoyé. Il est dans le presse-papiers, à envoyer vous-même.</translation>
    </message>
    <message>
        <source>Executive summary</source>
        <translation>Synthèse pour la direction</translation>
    </message>
    <message>
        <source>Was the executive summary sent? Its countdown restarts only then.</source>
        <translation>Le résumé pour la direction a-t-il été envoyé ? Son compte à rebours ne repart qu’alors.</translation>
    </message>
    <message>
        <source>This incident has no page to ask responders on.</source>
        <translation>Cet incident n’a pas d’alerte sur laquelle demander des renforts.</translation>
    </message>
    <message>
        <source>Not queued, not sent: %1 The text is on the clipboard.</source>
        <translation>Pas mis en file, pas envoyé : %1 Le texte est dans le presse-papiers.</translation>
    </message>
</context>
<context>
    <name>CockpitLifecycle</name>
    <message>
        <source>Close the incident?</source>
        <translation>Clore l’incident ?</translation>
    </message>
    <message>
        <source>The SOP asks for an hour of monitoring after resolution (5.1): it runs until %1, %2 from now. Close anyway?</source>
        <translation>La procédure demande une heure de surveillance après la résolution (5.1) : elle dure jusqu’à %1, encore %2. Clore quand même ?</translation>
    </message>
    <message>
        <source>Send the resolution notices?</source>
        <translation>Envoyer les avis de résolution ?</translation>
    </message>
    <message>
        <source>The procedure owes a resolution notice to: %1. Compose them now?</source>
        <translation>La procédure doit un avis de résolution à : %1. Les rédiger maintenant ?</translation>
    </message>
    <message>
        <source>Post-mortem</source>
        <translation>Post-mortem</translation>
    </message>
    <message>
        <source>The procedure asks for a post-mortem of this incident. Open its draft now?</source>
        <translation>La procédure demande un post-mortem de cet incident. Ouvrir son brouillon maintenant ?</translation>
    </message>
</context>
<context>
    <name>CockpitWindow</name>
    <message>
        <source>Acknowledge</source>
        <translation>Acquitter</translation>
    </message>
    <message>
        <source>Investigating</source>
        <translation>Investigation</translation>
    </message>
    <message>
        <source>Mitigating</source>
        <translation>Atténuation</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Résoudre</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Clore</translation>
    </message>
    <message>
        <source>Change severity…</source>
        <translation>Changer la sévérité…</translation>
    </message>
    <message>
        <source>Create Slack channel</source>
        <translation>Créer le canal Slack</translation>
    </message>
    <message>
        <source>Creates #incident-YYYY-MM-DD-NNN and posts the declaration there (SOP 1.4)</source>
        <translation>Crée #incident-AAAA-MM-JJ-NNN et y publie la déclaration (SOP 1.4)</translation>
    </message>
    <message>
        <source>Post-mortem…</source>
        <translation>Post-mortem…</translation>
    </message>
    <message>
        <source>Once resolved: the SOP 5.2 post-mortem</source>
        <translation>Une fois résolu : le post-mortem de la SOP 5.2</translation>
    </message>
    <message>
        <source>Optional note for the next step you tick</source>
        <translation>Note facultative pour la prochaine étape cochée</translation>
    </message>
    <message>
        <source>Phases</source>
        <translation>Phases</translation>
    </message>
    <message>
        <source>Declare in %1</source>
        <translation>Déclarer dans %1</translation>
    </message>
    <message>
        <source>Creates it in %1 so the service&apos;s escalation policy pages the team</source>
        <translation>Le crée dans %1 pour que la politique d&apos;escalade du service appelle l&apos;équipe</translation>
    </message>
    <message>
        <source>Status: %1 · detected %2</source>
        <translation>Statut : %1 · détecté %2</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Non enregistré : %1</translation>
    </message>
    <message>
        <source>The database is back: make again what was not saved.</source>
        <translation>La base de données est de retour : refaites ce qui n’a pas été enregistré.</translation>
    </message>
</context>
<context>
    <name>ComposerDialog</name>
    <message>
        <source>INCIDENT DECLARED (internal)</source>
        <translation>INCIDENT DÉCLARÉ (interne)</translation>
    </message>
    <message>
        <source>UPDATE #n (internal)</source>
        <translation>MISE À JOUR n° n (interne)</translation>
    </message>
    <message>
        <source>INCIDENT RESOLVED (internal)</source>
        <translation>INCIDENT RÉSOLU (interne)</translation>
    </message>
    <message>
        <source>Status page (external, no jargon)</source>
        <translation>Page de statut (externe, sans jargon)</translation>
    </message>
    <message>
        <source>Status page: resolved (external, no jargon)</source>
        <translation>Page de statut : résolu (externe, sans jargon)</translation>
    </message>
    <message>
        <source>Executive summary</source>
        <translation>Synthèse pour la direction</translation>
    </message>
    <message>
        <source>Executive: resolution</source>
        <translation>Direction : résolution</translation>
    </message>
    <message>
        <source>Compose update</source>
        <translation>Rédiger la mise à jour</translation>
    </message>
    <message>
        <source>One action per line</source>
        <translation>Une action par ligne</translation>
    </message>
    <message>
        <source>Notify the whole channel (@channel)</source>
        <translation>Notifier tout le canal (@channel)</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <source>%1 needs an incident opened from a page</source>
        <translation>%1 demande un incident ouvert depuis une page</translation>
    </message>
    <message>
        <source>set %1 up in Settings</source>
        <translation>configurez %1 dans les Paramètres</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <source>Root cause</source>
        <translation>Cause racine</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Actions</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>ETA</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Résolution</translation>
    </message>
    <message>
        <source>Next steps</source>
        <translation>Prochaines étapes</translation>
    </message>
    <message>
        <source>Financial impact</source>
        <translation>Impact financier</translation>
    </message>
    <message>
        <source>Preview (this is what will be sent; you can edit it)</source>
        <translation>Aperçu (c&apos;est ce qui sera envoyé ; vous pouvez le modifier)</translation>
    </message>
    <message>
        <source>None of these reaches %1: what is sent there is a copy, and %1 is not updated by it (its countdown keeps running). Update it by hand, then click Mark sent in the cockpit.</source>
        <translation>Aucune de ces destinations n&apos;atteint %1 : ce qui y est envoyé est une copie, qui ne met pas à jour %1 (son compte à rebours continue). Mettez-la à jour à la main, puis cliquez sur « Marquer envoyée » dans le cockpit.</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1 ; %2</translation>
    </message>
    <message>
        <source>Choose where to send it (%1).</source>
        <translation>Choisissez où l&apos;envoyer (%1).</translation>
    </message>
    <message>
        <source>Choose where to send it.</source>
        <translation>Choisissez où l&apos;envoyer.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>On-call Desktop: unexpected error</source>
        <translation>On-call Desktop : erreur inattendue</translation>
    </message>
    <message>
        <source>Something went wrong inside the app. Your incidents and drafts are saved in the database. You can keep working, or quit and restart. Please send the report below to the maintainers (it contains no tokens). The log file is:</source>
        <translation>Un problème est survenu dans l&apos;application. Vos incidents et brouillons sont enregistrés dans la base de données. Vous pouvez continuer, ou quitter et relancer. Merci d&apos;envoyer le rapport ci-dessous aux mainteneurs (il ne contient aucun jeton). Le fichier journal est :</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>Copier le rapport</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
</context>
<context>
    <name>DeadlineAlerts</name>
    <message>
        <source>Update due in %1: %2</source>
        <translation>Mise à jour due dans %1 : %2</translation>
    </message>
    <message>
        <source>Compose…</source>
        <translation>Rédiger…</translation>
    </message>
    <message>
        <source>Acknowledge within %1</source>
        <translation>Acquitter dans les %1</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Acquitter</translation>
    </message>
    <message>
        <source>Resolve SLA ends in %1</source>
        <translation>Le délai de résolution se termine dans %1</translation>
    </message>
    <message>
        <source>Escalate to %1 in %2 if still unresolved</source>
        <translation>Escalader vers %1 dans %2 si toujours non résolu</translation>
    </message>
    <message>
        <source>Update overdue: %1</source>
        <translation>Mise à jour en retard : %1</translation>
    </message>
    <message>
        <source>%1 Edit and resend it from the cockpit.</source>
        <translation>%1 Modifiez la mise à jour et renvoyez-la depuis le cockpit.</translation>
    </message>
    <message>
        <source>%1: update not sent, %2 refused it</source>
        <translation>%1 : mise à jour non envoyée, %2 l&apos;a refusée</translation>
    </message>
    <message>
        <source>%1 unresolved: escalate to %2</source>
        <translation>%1 non résolu : escaladez vers %2</translation>
    </message>
</context>
<context>
    <name>DeclareDialog</name>
    <message>
        <source>Declare incident</source>
        <translation>Déclarer un incident</translation>
    </message>
    <message>
        <source>API Down - All endpoints returning 500</source>
        <translation>API Down - tous les endpoints renvoient 500</translation>
    </message>
    <message>
        <source>100% users cannot access the application</source>
        <translation>100 % des utilisateurs ne peuvent pas accéder à l&apos;application</translation>
    </message>
    <message>
        <source>Declare</source>
        <translation>Déclarer</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Impact</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>Severity (SOP questions and matrix)</source>
        <translation>Sévérité (questions et matrice de la SOP)</translation>
    </message>
</context>
<context>
    <name>DrillController</name>
    <message>
        <source>Drill: a SEV-1 page arrives in a few seconds. Handle it as the procedure says: acknowledge, follow the checklist, send the updates, resolve. Nothing reaches the real PagerDuty or Slack; the score comes after the resolution and its notices.</source>
        <translation>Exercice : une alerte SEV-1 arrive dans quelques secondes. Traitez-la comme le dit la procédure : acquittez, suivez la checklist, envoyez les mises à jour, résolvez. Rien n’atteint le vrai PagerDuty ni le vrai Slack ; le score vient après la résolution et ses notifications.</translation>
    </message>
    <message>
        <source>Resolved. The procedure now owes the resolution notices: the score comes once they are sent, or at %1.</source>
        <translation>Résolu. La procédure demande maintenant les notifications de résolution : le score vient une fois qu’elles sont envoyées, ou à %1.</translation>
    </message>
    <message>
        <source>Drill result — %1</source>
        <translation>Résultat de l’exercice — %1</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
</context>
<context>
    <name>DrillMark</name>
    <message>
        <source>Drill: %1</source>
        <translation>Exercice : %1</translation>
    </message>
</context>
<context>
    <name>EditableTable</name>
    <message>
        <source>Add row</source>
        <translation>Ajouter une ligne</translation>
    </message>
    <message>
        <source>Remove selected rows</source>
        <translation>Retirer les lignes sélectionnées</translation>
    </message>
</context>
<context>
    <name>EscalationBox</name>
    <message>
        <source>asked in PagerDuty, no answer yet</source>
        <translation>appelé via PagerDuty, pas encore de réponse</translation>
    </message>
    <message>
        <source>joined ✅</source>
        <translation>a rejoint ✅</translation>
    </message>
    <message>
        <source>declined: reach them another way</source>
        <translation>a décliné : joignez-le autrement</translation>
    </message>
    <message>
        <source>request cancelled</source>
        <translation>demande annulée</translation>
    </message>
    <message>
        <source>Escalation</source>
        <translation>Escalade</translation>
    </message>
    <message>
        <source>Sends a responder request on the incident&apos;s page, with the SOP&apos;s message</source>
        <translation>Envoie une demande de renfort sur la page de l&apos;incident, avec le message de la procédure</translation>
    </message>
    <message>
        <source>Ask in %1</source>
        <translation>Appeler via %1</translation>
    </message>
    <message>
        <source>Escalation contacts reached:</source>
        <translation>Contacts d’escalade prévenus :</translation>
    </message>
    <message>
        <source>Escalated: %1.</source>
        <translation>Escaladé : %1.</translation>
    </message>
    <message>
        <source>%1 only %2.</source>
        <translation>%1 seulement %2.</translation>
    </message>
    <message>
        <source>%1: escalate now to %2.</source>
        <translation>%1 : escaladez maintenant vers %2.</translation>
    </message>
    <message>
        <source>%1 unresolved after the SOP&apos;s limit: escalate to %2.</source>
        <translation>%1 non résolu après la limite de la SOP : escaladez vers %2.</translation>
    </message>
</context>
<context>
    <name>FreedesktopNotifier</name>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
</context>
<context>
    <name>HandoffController</name>
    <message>
        <source>On call: %1 (backup %2) until %3</source>
        <translation>D&apos;astreinte : %1 (suppléant %2) jusqu&apos;à %3</translation>
    </message>
    <message>
        <source>On-call handoff: %1</source>
        <translation>Passation d&apos;astreinte : %1</translation>
    </message>
    <message>
        <source>Queued for %1</source>
        <translation>En file pour %1</translation>
    </message>
    <message>
        <source>Handoff pending: %1 of %2 acknowledged</source>
        <translation>Passation en attente : %1 sur %2 acquittés</translation>
    </message>
</context>
<context>
    <name>HandoffHistoryDialog</name>
    <message>
        <source>Previous handoffs</source>
        <translation>Passations précédentes</translation>
    </message>
</context>
<context>
    <name>HandoffWindow</name>
    <message>
        <source>Handoff — %1</source>
        <translation>Passation — %1</translation>
    </message>
    <message>
        <source>Handoff</source>
        <translation>Passation</translation>
    </message>
    <message>
        <source>Export Markdown…</source>
        <translation>Exporter en Markdown…</translation>
    </message>
    <message>
        <source>Post to the incidents channel</source>
        <translation>Publier dans le canal des incidents</translation>
    </message>
    <message>
        <source>Previous handoffs…</source>
        <translation>Passations précédentes…</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Changement</translation>
    </message>
    <message>
        <source>Outgoing</source>
        <translation>Sortant</translation>
    </message>
    <message>
        <source>Incoming</source>
        <translation>Entrant</translation>
    </message>
    <message>
        <source>Active incidents</source>
        <translation>Incidents actifs</translation>
    </message>
    <message>
        <source>✅ No active incidents</source>
        <translation>✅ Aucun incident actif</translation>
    </message>
    <message>
        <source>Watch items</source>
        <translation>Points de vigilance</translation>
    </message>
    <message>
        <source>One per line; they carry over to the next handoff.</source>
        <translation>Un par ligne ; ils sont reportés à la passation suivante.</translation>
    </message>
    <message>
        <source>Last week&apos;s incidents</source>
        <translation>Incidents de la semaine passée</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>À venir</translation>
    </message>
    <message>
        <source>Date (YYYY-MM-DD)</source>
        <translation>Date (AAAA-MM-JJ)</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>Add maintenance</source>
        <translation>Ajouter une maintenance</translation>
    </message>
    <message>
        <source>Remove selected</source>
        <translation>Retirer la sélection</translation>
    </message>
    <message>
        <source>Post-mortem action items due soon</source>
        <translation>Actions de post-mortem bientôt dues</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucune</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Sign as outgoing engineer</source>
        <translation>Signer en tant que sortant</translation>
    </message>
    <message>
        <source>Incoming engineer: acknowledge each item</source>
        <translation>Entrant : acquittez chaque point</translation>
    </message>
    <message>
        <source>#</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Sévérité</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Résolution</translation>
    </message>
    <message>
        <source>Not a date (YYYY-MM-DD): %1. Kept in the text.</source>
        <translation>Pas une date (AAAA-MM-JJ) : %1. Conservé dans le texte.</translation>
    </message>
    <message>
        <source>Fill in the outgoing engineer&apos;s name.</source>
        <translation>Renseignez le nom de l&apos;ingénieur sortant.</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>Vérification de %1…</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Vérification…</translation>
    </message>
    <message>
        <source>Signed by %1, %2</source>
        <translation>Signé par %1, %2</translation>
    </message>
    <message>
        <source>Status: Handoff complete ✅</source>
        <translation>Statut : passation terminée ✅</translation>
    </message>
    <message>
        <source>Status: pending ⏳ (%1 of %2 acknowledged)</source>
        <translation>Statut : en attente ⏳ (%1 sur %2 acquittés)</translation>
    </message>
    <message>
        <source>Export handoff</source>
        <translation>Exporter la passation</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source> (drill)</source>
        <translation> (exercice)</translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <source>Incident history</source>
        <translation>Historique des incidents</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Détecté</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Sévérité</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Time to acknowledge</source>
        <translation>Délai d&apos;acquittement</translation>
    </message>
    <message>
        <source>Time to resolve</source>
        <translation>Délai de résolution</translation>
    </message>
    <message>
        <source>All severities</source>
        <translation>Toutes les sévérités</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Tous les statuts</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Résolu</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Clos</translation>
    </message>
    <message>
        <source>Search titles</source>
        <translation>Chercher dans les titres</translation>
    </message>
    <message>
        <source>Show drills</source>
        <translation>Afficher les exercices</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>to</source>
        <translation>au</translation>
    </message>
    <message>
        <source>Open cockpit</source>
        <translation>Ouvrir le cockpit</translation>
    </message>
    <message>
        <source>Post-mortem…</source>
        <translation>Post-mortem…</translation>
    </message>
    <message>
        <source>KPI dashboard…</source>
        <translation>Tableau de bord des KPI…</translation>
    </message>
    <message>
        <source>any</source>
        <translation>tout</translation>
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
        <translation>Votre nom, d’après PagerDuty : %1. Il signe ce que vous publiez (Paramètres).</translation>
    </message>
</context>
<context>
    <name>IncidentTableModel</name>
    <message>
        <source>Severity</source>
        <translation>Sévérité</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Détecté</translation>
    </message>
    <message>
        <source>Acknowledge SLA</source>
        <translation>SLA d&apos;acquittement</translation>
    </message>
    <message>
        <source>Resolve SLA</source>
        <translation>SLA de résolution</translation>
    </message>
    <message>
        <source>Next update</source>
        <translation>Prochaine mise à jour</translation>
    </message>
    <message>
        <source>met</source>
        <translation>atteint</translation>
    </message>
</context>
<context>
    <name>KpiWindow</name>
    <message>
        <source>KPI dashboard</source>
        <translation>Tableau de bord des KPI</translation>
    </message>
    <message>
        <source>MTTA (SEV-1, mean)</source>
        <translation>MTTA (SEV-1, moyenne)</translation>
    </message>
    <message>
        <source>MTTR (SEV-1, mean)</source>
        <translation>MTTR (SEV-1, moyenne)</translation>
    </message>
    <message>
        <source>Incidents per month (worst month)</source>
        <translation>Incidents par mois (pire mois)</translation>
    </message>
    <message>
        <source>SEV-1 per quarter (worst quarter)</source>
        <translation>SEV-1 par trimestre (pire trimestre)</translation>
    </message>
    <message>
        <source>Post-mortem completion</source>
        <translation>Post-mortems complétés</translation>
    </message>
    <message>
        <source>Action items closed within 30 days</source>
        <translation>Actions closes sous 30 jours</translation>
    </message>
    <message>
        <source>Last 30 days</source>
        <translation>30 derniers jours</translation>
    </message>
    <message>
        <source>Last 90 days</source>
        <translation>90 derniers jours</translation>
    </message>
    <message>
        <source>Last 12 months, this one included</source>
        <translation>12 derniers mois, celui-ci compris</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Cette année</translation>
    </message>
    <message>
        <source>From… to…</source>
        <translation>Du… au…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>Exporter en CSV…</translation>
    </message>
    <message>
        <source>KPI</source>
        <translation>KPI</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>SOP target</source>
        <translation>Cible SOP</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>MTTA mean</source>
        <translation>MTTA moyen</translation>
    </message>
    <message>
        <source>MTTA median</source>
        <translation>MTTA médian</translation>
    </message>
    <message>
        <source>MTTA p90</source>
        <translation>MTTA p90</translation>
    </message>
    <message>
        <source>MTTR mean</source>
        <translation>MTTR moyen</translation>
    </message>
    <message>
        <source>MTTR median</source>
        <translation>MTTR médian</translation>
    </message>
    <message>
        <source>MTTR p90</source>
        <translation>MTTR p90</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>La période se termine avant de commencer.</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>Calcul…</translation>
    </message>
    <message numerus="yes">
        <source>%n incident(s) in the period</source>
        <translation>
            <numerusform>%n incident sur la période</numerusform>
            <numerusform>%n incidents sur la période</numerusform>
        </translation>
    </message>
    <message>
        <source>met</source>
        <translation>atteint</translation>
    </message>
    <message>
        <source>not met</source>
        <translation>non atteint</translation>
    </message>
    <message>
        <source>Incidents per month</source>
        <translation>Incidents par mois</translation>
    </message>
    <message>
        <source>SEV-1 mean times per month (minutes)</source>
        <translation>Délais moyens SEV-1 par mois (minutes)</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>minutes</translation>
    </message>
    <message>
        <source>MTTA</source>
        <translation>MTTA</translation>
    </message>
    <message>
        <source>MTTR</source>
        <translation>MTTR</translation>
    </message>
    <message>
        <source>%1 target</source>
        <translation>cible %1</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>Exporter en CSV</translation>
    </message>
</context>
<context>
    <name>MailSettings</name>
    <message>
        <source>Executive mail</source>
        <translation>E-mail aux dirigeants</translation>
    </message>
    <message>
        <source>Empty: open the summary in my mail client</source>
        <translation>Vide : ouvrir le résumé dans ma messagerie</translation>
    </message>
    <message>
        <source>STARTTLS (port 587)</source>
        <translation>STARTTLS (port 587)</translation>
    </message>
    <message>
        <source>SSL/TLS (port 465)</source>
        <translation>SSL/TLS (port 465)</translation>
    </message>
    <message>
        <source>None (a relay on the local network)</source>
        <translation>Aucune (un relais sur le réseau local)</translation>
    </message>
    <message>
        <source>Empty: the system&apos;s authorities only</source>
        <translation>Vide : les autorités du système seulement</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>Kept in the OS keyring</source>
        <translation>Conservé dans le trousseau du système</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Mail server (SMTP)</source>
        <translation>Serveur de messagerie (SMTP)</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Security</source>
        <translation>Sécurité</translation>
    </message>
    <message>
        <source>CA file (private authority)</source>
        <translation>Fichier CA (autorité privée)</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>Expéditeur</translation>
    </message>
    <message>
        <source>With a mail server, give the sender&apos;s address, e.g. oncall@example.com.</source>
        <translation>Avec un serveur de messagerie, indiquez l’adresse de l’expéditeur, par ex. oncall@example.com.</translation>
    </message>
    <message>
        <source>The mail server&apos;s CA file %1 does not exist.</source>
        <translation>Le fichier d’autorité (CA) du serveur de messagerie %1 n’existe pas.</translation>
    </message>
    <message>
        <source>The mail server&apos;s CA file</source>
        <translation>Le fichier d’autorité (CA) du serveur de messagerie</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Certificats (*.pem *.crt *.cer);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>No mail server: type its name first.</source>
        <translation>Pas de serveur de messagerie : saisissez d’abord son nom.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>custom policy</source>
        <translation>procédure personnalisée</translation>
    </message>
    <message>
        <source>The team database is not answering (reconnecting): colleagues&apos; changes show again once it is back. A change you make that cannot be saved meanwhile is not kept: it springs back where you made it, with the reason; make it again then.</source>
        <translation>La base de données de l’équipe ne répond pas (reconnexion en cours) : les changements des collègues réapparaîtront à son retour. Un changement qui ne peut pas être enregistré entre-temps n’est pas gardé : il revient en arrière là où vous l’avez fait, avec la raison ; refaites-le alors.</translation>
    </message>
    <message>
        <source>Time zone &apos;{name}&apos; is unknown; times are shown in this computer&apos;s zone.</source>
        <translation>Le fuseau horaire « {name} » est inconnu ; les heures sont affichées dans le fuseau de cet ordinateur.</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>Ouverture de la base de données…</translation>
    </message>
    <message>
        <source>No system tray was found, so alerts appear in this window only. Keep it open: closing it quits the app.</source>
        <translation>Aucune zone de notification trouvée : les alertes n&apos;apparaissent que dans cette fenêtre. Gardez-la ouverte : la fermer quitte l&apos;application.</translation>
    </message>
    <message>
        <source>On-call Desktop</source>
        <translation>On-call Desktop</translation>
    </message>
    <message>
        <source>Declare incident…</source>
        <translation>Déclarer un incident…</translation>
    </message>
    <message>
        <source>Incidents</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Paramètres…</translation>
    </message>
    <message>
        <source>Action items…</source>
        <translation>Actions…</translation>
    </message>
    <message>
        <source>History and KPIs…</source>
        <translation>Historique et KPI…</translation>
    </message>
    <message>
        <source>Handoff…</source>
        <translation>Passation…</translation>
    </message>
    <message>
        <source>No open incident. Stay sharp.</source>
        <translation>Aucun incident ouvert. Restez vigilant.</translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation>Pour commencer</translation>
    </message>
    <message>
        <source>1. Connect PagerDuty, so that pages reach the tray: your user API token in Settings.</source>
        <translation>1. Connectez PagerDuty pour que les alertes arrivent dans la zone de notification : votre jeton d’API utilisateur dans les Paramètres.</translation>
    </message>
    <message>
        <source>Open Settings…</source>
        <translation>Ouvrir les Paramètres…</translation>
    </message>
    <message>
        <source>2. Connect Slack (a bot token or a webhook), so that updates go out in one click.</source>
        <translation>2. Connectez Slack (un jeton de bot ou un webhook) pour envoyer les mises à jour en un clic.</translation>
    </message>
    <message>
        <source>3. Try a drill: the procedure&apos;s SEV-1 scenario against built-in fakes, scored at the end. Nothing real is touched.</source>
        <translation>3. Faites un exercice : le scénario SEV-1 de la procédure contre des simulations intégrées, noté à la fin. Rien de réel n’est touché.</translation>
    </message>
    <message>
        <source>Start a drill</source>
        <translation>Lancer un exercice</translation>
    </message>
    <message>
        <source>No incident opened yet: open the page above to work it.</source>
        <translation>Aucun incident ouvert : ouvrez l’alerte ci-dessus pour la traiter.</translation>
    </message>
    <message>
        <source>No open incident here; the page above is still open in its source.</source>
        <translation>Aucun incident ouvert ici ; l’alerte ci-dessus est toujours ouverte dans sa source.</translation>
    </message>
    <message>
        <source>Terminal commands and a second launch cannot reach this window: %1</source>
        <translation>Les commandes du terminal et un second lancement ne peuvent pas joindre cette fenêtre : %1</translation>
    </message>
</context>
<context>
    <name>MessageBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
</context>
<context>
    <name>NameDialog</name>
    <message>
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <source>This post says who is on call, and no name is known yet. Your name as your team knows it:</source>
        <translation>Ce message dit qui est d’astreinte, et aucun nom n’est encore connu. Votre nom, tel que votre équipe le connaît :</translation>
    </message>
    <message>
        <source>Your name as your team knows it. It signs what you post (On-Call: …) and what you do in the timeline; you can change it in Settings. With a PagerDuty token, your PagerDuty name is used when you leave this empty.</source>
        <translation>Votre nom, tel que votre équipe le connaît. Il signe ce que vous publiez (Astreinte : …) et ce que vous faites dans la chronologie ; vous pouvez le changer dans les Paramètres. Avec un jeton PagerDuty, votre nom PagerDuty est utilisé si vous laissez ce champ vide.</translation>
    </message>
    <message>
        <source>e.g. Ana Lopez</source>
        <translation>p. ex. Ana Lopez</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Plus tard</translation>
    </message>
</context>
<context>
    <name>NextActionBar</name>
    <message>
        <source>acknowledge the incident</source>
        <translation>acquitter l’incident</translation>
    </message>
    <message>
        <source>evaluate the severity</source>
        <translation>évaluer la sévérité</translation>
    </message>
    <message>
        <source>post the declaration (%1)</source>
        <translation>publier la déclaration (%1)</translation>
    </message>
    <message>
        <source>escalate (contacts below)</source>
        <translation>escalader (contacts ci-dessous)</translation>
    </message>
    <message>
        <source>send the update to %1</source>
        <translation>envoyer la mise à jour : %1</translation>
    </message>
    <message>
        <source>resolve within the SLA</source>
        <translation>résoudre dans le délai</translation>
    </message>
    <message>
        <source>send the resolution notice to %1</source>
        <translation>envoyer l’avis de résolution : %1</translation>
    </message>
    <message>
        <source>watch for an hour, then close</source>
        <translation>surveiller une heure, puis clore</translation>
    </message>
    <message>
        <source>close the incident</source>
        <translation>clore l’incident</translation>
    </message>
    <message>
        <source>nothing: the incident is closed</source>
        <translation>rien : l’incident est clos</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Acquitter</translation>
    </message>
    <message>
        <source>Evaluate severity…</source>
        <translation>Évaluer la sévérité…</translation>
    </message>
    <message>
        <source>Compose the declaration…</source>
        <translation>Rédiger la déclaration…</translation>
    </message>
    <message>
        <source>Compose the update…</source>
        <translation>Rédiger la mise à jour…</translation>
    </message>
    <message>
        <source>Resolve…</source>
        <translation>Résoudre…</translation>
    </message>
    <message>
        <source>Compose the resolution notice…</source>
        <translation>Rédiger l’avis de résolution…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Clore</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>encore %1</translation>
    </message>
    <message>
        <source>late by %1</source>
        <translation>en retard de %1</translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation>Ensuite : %1</translation>
    </message>
</context>
<context>
    <name>PagesPanel</name>
    <message>
        <source>Pages assigned to me</source>
        <translation>Alertes qui me sont assignées</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Urgency</source>
        <translation>Urgence</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Âge</translation>
    </message>
    <message>
        <source>Acknowledge within</source>
        <translation>Acquitter sous</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Acquitter</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>high</source>
        <translation>haute</translation>
    </message>
    <message>
        <source>low</source>
        <translation>basse</translation>
    </message>
    <message>
        <source>to acknowledge</source>
        <translation>à acquitter</translation>
    </message>
    <message>
        <source>resolved here, still open there</source>
        <translation>résolue ici, toujours ouverte là-bas</translation>
    </message>
    <message>
        <source>acknowledged by %1, not opened</source>
        <translation>acquittée par %1, non ouverte</translation>
    </message>
    <message>
        <source>acknowledged, not opened</source>
        <translation>acquittée, non ouverte</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1&#xa0;min</translation>
    </message>
    <message>
        <source>%1 h %2</source>
        <translation>%1&#xa0;h&#xa0;%2</translation>
    </message>
    <message>
        <source>late by %1</source>
        <translation>en retard de %1</translation>
    </message>
</context>
<context>
    <name>PostmortemController</name>
    <message>
        <source>Summary queued for %1</source>
        <translation>Résumé en file pour %1</translation>
    </message>
    <message>
        <source>Post-mortem queued for the status page</source>
        <translation>Post-mortem en file d&apos;envoi pour la page de statut</translation>
    </message>
    <message>
        <source>Post-mortem overdue</source>
        <translation>Post-mortem en retard</translation>
    </message>
    <message>
        <source>Post-mortem overdue: %1</source>
        <translation>Post-mortem en retard : %1</translation>
    </message>
</context>
<context>
    <name>PostmortemWindow</name>
    <message>
        <source>Post-mortem — %1</source>
        <translation>Post-mortem — %1</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Enregistré</translation>
    </message>
    <message>
        <source>Post-mortem</source>
        <translation>Post-mortem</translation>
    </message>
    <message>
        <source>Export Markdown…</source>
        <translation>Exporter en Markdown…</translation>
    </message>
    <message>
        <source>Export PDF…</source>
        <translation>Exporter en PDF…</translation>
    </message>
    <message>
        <source>Post summary to Slack</source>
        <translation>Publier le résumé sur Slack</translation>
    </message>
    <message>
        <source>Publish on the status page…</source>
        <translation>Publier sur la page de statut…</translation>
    </message>
    <message>
        <source>Save now</source>
        <translation>Enregistrer maintenant</translation>
    </message>
    <message>
        <source>A newer copy saved on this computer while the database was unreachable was restored and written back to the database.</source>
        <translation>Une copie plus récente, enregistrée sur cet ordinateur pendant que la base de données était injoignable, a été restaurée et réécrite dans la base.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titre</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Sévérité</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <source>Impact</source>
        <translation>Impact</translation>
    </message>
    <message>
        <source>All times</source>
        <translation>Fuseau horaire</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Utilisateurs</translation>
    </message>
    <message>
        <source>Revenue</source>
        <translation>Revenus</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>#</source>
        <translation>N°</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Responsable</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>CTO, Lead Dev, On-Call Engineer</source>
        <translation>CTO, Lead Dev, ingénieur d&apos;astreinte</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Aujourd&apos;hui</translation>
    </message>
    <message>
        <source>Reviewed by</source>
        <translation>Relu par</translation>
    </message>
    <message>
        <source>Review date</source>
        <translation>Date de relecture</translation>
    </message>
    <message>
        <source>Reviewed and signed: counts as complete.</source>
        <translation>Relu et signé : compte comme complété.</translation>
    </message>
    <message>
        <source>Draft: complete once &apos;Reviewed by&apos; and the review date are filled in.</source>
        <translation>Brouillon : complet une fois « Relu par » et la date de relecture renseignés.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>Saved on this computer</source>
        <translation>Enregistré sur cet ordinateur</translation>
    </message>
    <message>
        <source>The database is unreachable; the draft is saved on this computer and goes to the database at the next save that reaches it. (%1)</source>
        <translation>La base de données est injoignable ; le brouillon est enregistré sur cet ordinateur et ira dans la base au prochain enregistrement qui l&apos;atteint. (%1)</translation>
    </message>
    <message>
        <source>Export Markdown</source>
        <translation>Exporter en Markdown</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>Échec de l&apos;export : %1</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>Exporté vers %1</translation>
    </message>
    <message>
        <source>Export PDF</source>
        <translation>Exporter en PDF</translation>
    </message>
    <message>
        <source>Writing the PDF…</source>
        <translation>Écriture du PDF…</translation>
    </message>
    <message>
        <source>The PDF could not be written to %1</source>
        <translation>Le PDF n&apos;a pas pu être écrit dans %1</translation>
    </message>
    <message>
        <source>Publish on the status page</source>
        <translation>Publier sur la page de statut</translation>
    </message>
    <message>
        <source>What customers will read (plain language; edit it as needed):</source>
        <translation>Ce que liront les clients (langage simple ; modifiez au besoin) :</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n page(s) to %1</source>
        <translation>
            <numerusform>%n page exportée vers %1</numerusform>
            <numerusform>%n pages exportées vers %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PostsTable</name>
    <message>
        <source>waiting</source>
        <translation>en attente</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>envoi en cours</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>envoyé</translation>
    </message>
    <message>
        <source>refused</source>
        <translation>refusé</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>En file</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Où</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <source>sent as a note (status updates not in the plan)</source>
        <translation>envoyé comme note (l’offre ne comprend pas les mises à jour de statut)</translation>
    </message>
    <message>
        <source>retrying (%1 attempts)</source>
        <translation>nouvel essai (%1 tentatives)</translation>
    </message>
    <message>
        <source>%1, may have arrived twice</source>
        <translation>%1, peut-être arrivé deux fois</translation>
    </message>
    <message>
        <source>An answer from this destination was lost, and what arrived there cannot be checked: the post was sent again, so readers may see it twice.</source>
        <translation>Une réponse de cette destination s’est perdue, et ce qui y est arrivé ne peut pas être vérifié : le message a été renvoyé, ses lecteurs le verront peut-être deux fois.</translation>
    </message>
    <message>
        <source>Edit and resend…</source>
        <translation>Modifier et renvoyer…</translation>
    </message>
</context>
<context>
    <name>ResendDialog</name>
    <message>
        <source>Edit and resend</source>
        <translation>Modifier et renvoyer</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Refusé : %1</translation>
    </message>
    <message>
        <source>Use %1 (Settings)</source>
        <translation>Utiliser %1 (Paramètres)</translation>
    </message>
    <message>
        <source>Slack channel</source>
        <translation>Canal Slack</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>Renvoyer</translation>
    </message>
    <message>
        <source>It will be sent to: %1</source>
        <translation>Il sera envoyé à : %1</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Resolve the incident</source>
        <translation>Résoudre l’incident</translation>
    </message>
    <message>
        <source>What restored the service (e.g. failover to the replica database)</source>
        <translation>Ce qui a rétabli le service (par ex. bascule sur la base répliquée)</translation>
    </message>
    <message>
        <source>Resolve it in %1 too</source>
        <translation>La résoudre aussi dans %1</translation>
    </message>
    <message>
        <source>Untick to leave the page open there (another team still works on it)</source>
        <translation>Décochez pour y laisser l’alerte ouverte (une autre équipe y travaille encore)</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Résoudre</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Résolution</translation>
    </message>
</context>
<context>
    <name>RolesBar</name>
    <message>
        <source>on-call responder</source>
        <translation>intervenant d’astreinte</translation>
    </message>
    <message>
        <source>communication</source>
        <translation>communication</translation>
    </message>
    <message>
        <source>escalation</source>
        <translation>escalade</translation>
    </message>
    <message>
        <source>Take: %1</source>
        <translation>Prendre : %1</translation>
    </message>
    <message>
        <source>You hold this role from now on; the timeline says so</source>
        <translation>Vous tenez ce rôle à partir de maintenant ; la chronologie l’indique</translation>
    </message>
    <message>
        <source>Who else is here: unknown while the database is away</source>
        <translation>Qui d’autre est là : inconnu tant que la base de données est absente</translation>
    </message>
    <message>
        <source>Also here: %1</source>
        <translation>Aussi présents : %1</translation>
    </message>
    <message>
        <source>Only you</source>
        <translation>Vous seul</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
</context>
<context>
    <name>RunbookLinks</name>
    <message>
        <source>Runbooks and access</source>
        <translation>Runbooks et accès</translation>
    </message>
</context>
<context>
    <name>SettingsController</name>
    <message>
        <source>Settings could not be saved: </source>
        <translation>Les paramètres n&apos;ont pas pu être enregistrés : </translation>
    </message>
    <message>
        <source>The team database settings apply at the next start.</source>
        <translation>Les réglages de la base d’équipe s’appliquent au prochain démarrage.</translation>
    </message>
    <message>
        <source>The new language applies now, in every open window.</source>
        <translation>La nouvelle langue s’applique maintenant, dans toutes les fenêtres ouvertes.</translation>
    </message>
    <message>
        <source>Start at login is not available on this system yet.</source>
        <translation>Le lancement à la connexion n&apos;est pas encore disponible sur ce système.</translation>
    </message>
    <message>
        <source>Start at login could not be set: </source>
        <translation>Le lancement à la connexion n&apos;a pas pu être réglé : </translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>US service region</source>
        <translation>Région de service US</translation>
    </message>
    <message>
        <source>EU service region</source>
        <translation>Région de service UE</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>Lundi</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>Mardi</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>Mercredi</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>Jeudi</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>Vendredi</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>Samedi</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>Dimanche</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <source>What is posted to Slack, PagerDuty and the status page. The procedure&apos;s templates are in English.</source>
        <translation>Ce qui est publié sur Slack, PagerDuty et la page de statut. Les modèles de la procédure sont en anglais.</translation>
    </message>
    <message>
        <source>Keep running in the tray when closed</source>
        <translation>Rester dans la zone de notification à la fermeture</translation>
    </message>
    <message>
        <source>Start when I log in</source>
        <translation>Démarrer à ma connexion</translation>
    </message>
    <message>
        <source>Other address</source>
        <translation>Autre adresse</translation>
    </message>
    <message>
        <source>User API token (kept in the OS keyring)</source>
        <translation>Jeton d&apos;API utilisateur (gardé dans le trousseau du système)</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Play a sound with alerts</source>
        <translation>Jouer un son avec les alertes</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Général</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Posted messages in</source>
        <translation>Messages publiés en</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <source>Team time zone</source>
        <translation>Fuseau horaire de l&apos;équipe</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>Adresse de l&apos;API</translation>
    </message>
    <message>
        <source>API token</source>
        <translation>Jeton d&apos;API</translation>
    </message>
    <message>
        <source>Its ID, e.g. PABC123</source>
        <translation>Son identifiant, ex. PABC123</translation>
    </message>
    <message>
        <source>P… : the service that pages the team for incidents declared here</source>
        <translation>P… : le service qui appelle l&apos;équipe pour les incidents déclarés ici</translation>
    </message>
    <message>
        <source>Service for declared incidents</source>
        <translation>Service des incidents déclarés</translation>
    </message>
    <message>
        <source>None: updated by hand (Mark sent)</source>
        <translation>Aucune : mise à jour à la main (Marquer envoyée)</translation>
    </message>
    <message>
        <source>List status pages</source>
        <translation>Lister les pages de statut</translation>
    </message>
    <message>
        <source>Status page</source>
        <translation>Page de statut</translation>
    </message>
    <message>
        <source>Bot token (channels, incident channels)</source>
        <translation>Jeton de bot (canaux, canaux d&apos;incident)</translation>
    </message>
    <message>
        <source>Incoming webhook (one fixed channel)</source>
        <translation>Webhook entrant (un canal fixe)</translation>
    </message>
    <message>
        <source>xoxb-… or https://hooks.slack.com/… (kept in the OS keyring)</source>
        <translation>xoxb-… ou https://hooks.slack.com/… (gardé dans le trousseau du système)</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <source>Incidents channel</source>
        <translation>Canal des incidents</translation>
    </message>
    <message>
        <source>Token / webhook</source>
        <translation>Jeton / webhook</translation>
    </message>
    <message>
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <source>Quiet hours (high urgency always alerts)</source>
        <translation>Heures calmes (la haute urgence alerte toujours)</translation>
    </message>
    <message>
        <source>Read the alert sources every</source>
        <translation>Lire les sources d’alertes toutes les</translation>
    </message>
    <message>
        <source>On-call rotation</source>
        <translation>Rotation d&apos;astreinte</translation>
    </message>
    <message>
        <source>These settings</source>
        <translation>Ces paramètres</translation>
    </message>
    <message>
        <source>%1 (my on-call shifts)</source>
        <translation>%1 (mes astreintes)</translation>
    </message>
    <message>
        <source>e.g. Agent DEV, Orchestrateur</source>
        <translation>p. ex. Agent DEV, Orchestrateur</translation>
    </message>
    <message>
        <source>The procedure&apos;s</source>
        <translation>Celui de la procédure</translation>
    </message>
    <message>
        <source>Rotation from</source>
        <translation>Rotation depuis</translation>
    </message>
    <message>
        <source>Members, in order</source>
        <translation>Membres, dans l&apos;ordre</translation>
    </message>
    <message>
        <source>Handoff day</source>
        <translation>Jour de passation</translation>
    </message>
    <message>
        <source>Handoff time</source>
        <translation>Heure de passation</translation>
    </message>
    <message>
        <source>First member primary from</source>
        <translation>Premier membre primaire à partir du</translation>
    </message>
    <message>
        <source>A token is stored in the keyring.</source>
        <translation>Un jeton est enregistré dans le trousseau.</translation>
    </message>
    <message>
        <source>No token stored yet.</source>
        <translation>Aucun jeton enregistré pour l&apos;instant.</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Test…</translation>
    </message>
    <message>
        <source>A webhook cannot be tested without posting; send an update to check it.</source>
        <translation>Un webhook ne peut pas être testé sans publier ; envoyez une mise à jour pour le vérifier.</translation>
    </message>
    <message>
        <source>Asking PagerDuty…</source>
        <translation>Interrogation de PagerDuty…</translation>
    </message>
    <message numerus="yes">
        <source>%n status page(s) in this account.</source>
        <translation>
            <numerusform>%n page de statut dans ce compte.</numerusform>
            <numerusform>%n pages de statut dans ce compte.</numerusform>
        </translation>
    </message>
    <message>
        <source>The PagerDuty address must start with https://</source>
        <translation>L&apos;adresse PagerDuty doit commencer par https://</translation>
    </message>
    <message>
        <source>A PagerDuty service id looks like PABC123 (from the service&apos;s URL).</source>
        <translation>Un identifiant de service PagerDuty ressemble à PABC123 (pris dans l&apos;URL du service).</translation>
    </message>
    <message>
        <source>The Slack address must start with https://</source>
        <translation>L&apos;adresse Slack doit commencer par https://</translation>
    </message>
    <message>
        <source>Quiet hours are HH:MM, e.g. 22:00 → 07:00.</source>
        <translation>Les heures calmes sont au format HH:MM, p. ex. 22:00 → 07:00.</translation>
    </message>
    <message>
        <source>Give both ends of the quiet hours, or neither.</source>
        <translation>Donnez les deux bornes des heures calmes, ou aucune.</translation>
    </message>
    <message>
        <source>The handoff time is HH:MM, e.g. 09:00.</source>
        <translation>L&apos;heure de passation est au format HH:MM, p. ex. 09:00.</translation>
    </message>
    <message>
        <source>The rotation start is a date, YYYY-MM-DD.</source>
        <translation>Le début de rotation est une date, AAAA-MM-JJ.</translation>
    </message>
</context>
<context>
    <name>SeverityAssessment</name>
    <message>
        <source>unknown</source>
        <translation>inconnu</translation>
    </message>
    <message>
        <source>Data loss</source>
        <translation>Perte de données</translation>
    </message>
    <message>
        <source>Security breach</source>
        <translation>Faille de sécurité</translation>
    </message>
    <message>
        <source>Why a different severity than proposed? (kept in the timeline)</source>
        <translation>Pourquoi une autre sévérité que celle proposée ? (gardé dans la chronologie)</translation>
    </message>
    <message>
        <source>Users impacted</source>
        <translation>Utilisateurs impactés</translation>
    </message>
    <message>
        <source>Revenue lost</source>
        <translation>Revenus perdus</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>Sévérité</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Raison</translation>
    </message>
    <message>
        <source>Proposed: %1</source>
        <translation>Proposé : %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>SLA: acknowledge &lt; %1, resolve &lt; %2</source>
        <translation>SLA : acquitter &lt; %1, résoudre &lt; %2</translation>
    </message>
    <message>
        <source>Escalation: %1</source>
        <translation>Escalade : %1</translation>
    </message>
</context>
<context>
    <name>SeverityDialog</name>
    <message>
        <source>Change severity</source>
        <translation>Changer la sévérité</translation>
    </message>
    <message>
        <source>Evaluate the severity</source>
        <translation>Évaluer la sévérité</translation>
    </message>
    <message>
        <source>Why this severity? (kept in the timeline)</source>
        <translation>Pourquoi cette sévérité ? (gardé dans la chronologie)</translation>
    </message>
    <message>
        <source>What changed? (kept in the timeline)</source>
        <translation>Qu&apos;est-ce qui a changé ? (gardé dans la chronologie)</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
</context>
<context>
    <name>SnoozeDialog</name>
    <message>
        <source>Snooze reminder</source>
        <translation>Mettre le rappel en pause</translation>
    </message>
    <message>
        <source>Why (kept in the timeline)</source>
        <translation>Pourquoi (gardé dans la chronologie)</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Pendant</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Raison</translation>
    </message>
</context>
<context>
    <name>StartupErrorDialog</name>
    <message>
        <source>On-call Desktop cannot start</source>
        <translation>On-call Desktop ne peut pas démarrer</translation>
    </message>
    <message>
        <source>Use the local database this time</source>
        <translation>Utiliser la base locale cette fois</translation>
    </message>
</context>
<context>
    <name>StatusPageServicesDialog</name>
    <message>
        <source>Affected services</source>
        <translation>Services touchés</translation>
    </message>
    <message>
        <source>Which services of the status page %1 does this incident affect? Customers see them with the impact of its severity. The incident&apos;s later updates keep this choice.</source>
        <translation>Quels services de la page de statut %1 cet incident touche-t-il ? Les clients les voient avec l’impact de sa sévérité. Les mises à jour suivantes de l’incident gardent ce choix.</translation>
    </message>
    <message>
        <source>The status page lists no services: the update will name none.</source>
        <translation>La page de statut ne liste aucun service : la mise à jour n’en nommera aucun.</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Tous</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>Publier</translation>
    </message>
</context>
<context>
    <name>TeamDatabaseSettings</name>
    <message>
        <source>Team database</source>
        <translation>Base d’équipe</translation>
    </message>
    <message>
        <source>Empty: this computer&apos;s own database</source>
        <translation>Vide : la base propre à cet ordinateur</translation>
    </message>
    <message>
        <source>One PostgreSQL database for the whole team, e.g. postgresql://oncall@db.example.com/oncall</source>
        <translation>Une seule base PostgreSQL pour toute l’équipe, p. ex. postgresql://oncall@db.example.com/oncall</translation>
    </message>
    <message>
        <source>Password (kept in the OS keyring)</source>
        <translation>Mot de passe (gardé dans le trousseau du système)</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Tester la connexion</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mot de passe</translation>
    </message>
    <message>
        <source>A change of database applies at the next start of the app.</source>
        <translation>Un changement de base s’applique au prochain démarrage de l’application.</translation>
    </message>
    <message>
        <source>ONCALL_DATABASE_URL is set in this session: it is used instead of this address.</source>
        <translation>ONCALL_DATABASE_URL est défini dans cette session : il est utilisé à la place de cette adresse.</translation>
    </message>
    <message>
        <source>Put the database password in its own field (kept in the keyring), not in the address: the address is saved in the settings file.</source>
        <translation>Mettez le mot de passe de la base dans son propre champ (gardé dans le trousseau), pas dans l’adresse : l’adresse est enregistrée dans le fichier de paramètres.</translation>
    </message>
    <message>
        <source>The team database is PostgreSQL: postgresql://user@host/database, or leave the address empty.</source>
        <translation>La base d’équipe est PostgreSQL : postgresql://utilisateur@hôte/base, ou laissez l’adresse vide.</translation>
    </message>
    <message>
        <source>No address: type it first.</source>
        <translation>Pas d’adresse : saisissez-la d’abord.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
</context>
<context>
    <name>TeamNews</name>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>a colleague</source>
        <translation>un collègue</translation>
    </message>
    <message>
        <source>Raised to %1 by %2 (was %3)</source>
        <translation>Relevé à %1 par %2 (était %3)</translation>
    </message>
    <message>
        <source>%1 (provisional, from a page) opened by %2</source>
        <translation>%1 (provisoire, d’après une alerte) ouvert par %2</translation>
    </message>
    <message>
        <source>%1 declared by %2</source>
        <translation>%1 déclaré par %2</translation>
    </message>
</context>
<context>
    <name>TimelineModel</name>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Qui</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
</context>
<context>
    <name>TimelinePanel</name>
    <message>
        <source>A note for the timeline, then Enter</source>
        <translation>Une note pour la chronologie, puis Entrée</translation>
    </message>
    <message>
        <source>Add a note to the timeline and press Enter</source>
        <translation>Ajoutez une note à la chronologie et appuyez sur Entrée</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Chronologie</translation>
    </message>
    <message>
        <source>Updates sent from here</source>
        <translation>Mises à jour envoyées d&apos;ici</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Open On-call Desktop</source>
        <translation>Ouvrir On-call Desktop</translation>
    </message>
    <message>
        <source>Declare incident…</source>
        <translation>Déclarer un incident…</translation>
    </message>
    <message>
        <source>Snooze low-urgency alerts</source>
        <translation>Mettre en pause les alertes de basse urgence</translation>
    </message>
    <message>
        <source>30 minutes</source>
        <translation>30 minutes</translation>
    </message>
    <message>
        <source>1 hour</source>
        <translation>1 heure</translation>
    </message>
    <message>
        <source>Resume now</source>
        <translation>Reprendre maintenant</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Paramètres…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>On-call Desktop</source>
        <translation>On-call Desktop</translation>
    </message>
    <message>
        <source>Acknowledge</source>
        <translation>Acquitter</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
</context>
<context>
    <name>TrayStatus</name>
    <message numerus="yes">
        <source>%n page(s) NOT acknowledged: still escalating</source>
        <translation>
            <numerusform>%n alerte NON acquittée : l’escalade continue</numerusform>
            <numerusform>%n alertes NON acquittées : l’escalade continue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n update(s) overdue</source>
        <translation>
            <numerusform>%n mise à jour en retard</numerusform>
            <numerusform>%n mises à jour en retard</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) to acknowledge</source>
        <translation>
            <numerusform>%n page à acquitter</numerusform>
            <numerusform>%n pages à acquitter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open incident(s)</source>
        <translation>
            <numerusform>%n incident ouvert</numerusform>
            <numerusform>%n incidents ouverts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n acknowledged page(s) not opened</source>
        <translation>
            <numerusform>%n alerte acquittée non ouverte</numerusform>
            <numerusform>%n alertes acquittées non ouvertes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n post-mortem(s) overdue</source>
        <translation>
            <numerusform>%n post-mortem en retard</numerusform>
            <numerusform>%n post-mortems en retard</numerusform>
        </translation>
    </message>
    <message>
        <source>handoff pending</source>
        <translation>passation en attente</translation>
    </message>
    <message>
        <source>No open incident</source>
        <translation>Aucun incident ouvert</translation>
    </message>
    <message>
        <source>low-urgency alerts snoozed</source>
        <translation>alertes de basse urgence en pause</translation>
    </message>
    <message>
        <source>%1 update NOT sent: %2 refused it</source>
        <translation>%1 : mise à jour NON envoyée, %2 l’a refusée</translation>
    </message>
    <message>
        <source>%1 NOT sent</source>
        <translation>%1 : NON envoyée</translation>
    </message>
    <message>
        <source>ack</source>
        <translation>acquittement</translation>
    </message>
    <message>
        <source>resolve</source>
        <translation>résolution</translation>
    </message>
</context>
<context>
    <name>WindowNotifier</name>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
</context>
</TS>
