#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "baseline/baseline.h"
#include "baseline/remote.h"
#include "baseline/stage.h"
#include "lib/msg.h"

/* A credential callback that keeps being asked has had its answer
 * refused: stop before the server locks the account. */
#define MAX_CREDENTIAL_CALLS 3

/* The URL without the "user:password@" part, for messages. */
static char *
redact(const char *url)
{
	const char *scheme = strstr(url, "://");
	const char *host = scheme ? scheme + 3 : url;
	const char *at = strchr(host, '@');
	const char *slash = strchr(host, '/');
	char *out;

	if (scheme == NULL || at == NULL || (slash != NULL && at > slash))
		return po_xstrdup(url);
	out = po_xmalloc(strlen(url) + 1);
	memcpy(out, url, (size_t)(host - url));
	strcpy(out + (host - url), at + 1);
	return out;
}

static void
add_header(git_strarray *h, const char *value)
{
	h->strings = po_xrealloc(h->strings, (h->count + 1) * sizeof(char *));
	h->strings[h->count++] = po_xstrdup(value);
}

/* actions/checkout leaves its token as http.<url>.extraheader in the
 * repository's config, which git applies and libgit2 does not: apply those
 * whose URL prefix matches the remote's.  The entries are filtered here
 * rather than by git_config_iterator_glob_new, whose regular expression
 * match leaks in libgit2 1.5 whenever an entry does not match. */
static void
collect_headers(git_strarray *h, git_repository *repo, const char *url)
{
	static const char prefix[] = "http.";
	static const char suffix[] = "extraheader";
	git_config *cfg = NULL;
	git_config_iterator *it = NULL;
	git_config_entry *entry;

	if (git_repository_config_snapshot(&cfg, repo) < 0)
		return;
	if (git_config_iterator_new(&it, cfg) == 0) {
		while (git_config_next(&entry, it) == 0) {
			size_t len = strlen(entry->name);
			const char *name = entry->name + strlen(prefix);
			size_t plen;

			if (len < strlen(prefix) + strlen(suffix) ||
			    strncmp(entry->name, prefix, strlen(prefix)) != 0 ||
			    strcmp(entry->name + len - strlen(suffix),
			    suffix) != 0)
				continue;
			plen = len - strlen(prefix) - strlen(suffix);
			/* "http.extraheader", or "http.<url>.extraheader"
			 * with a URL the remote's starts with. */
			if (plen == 0 || (plen > 1 && name[plen - 1] == '.' &&
			    strncmp(url, name, plen - 1) == 0))
				add_header(h, entry->value);
		}
		git_config_iterator_free(it);
	}
	git_config_free(cfg);
}

int
po_remote_open(struct po_remote *out, git_repository *repo,
    const char *name)
{
	memset(out, 0, sizeof(*out));
	out->shown = redact(name);
	if (git_remote_lookup(&out->remote, repo, name) < 0 &&
	    git_remote_create_anonymous(&out->remote, repo, name) < 0) {
		po_baseline_git_error("'%s': no such remote", out->shown);
		return -1;
	}
	collect_headers(&out->headers, repo, git_remote_url(out->remote));
	return 0;
}

static int
credentials(git_credential **out, const char *url, const char *user_from_url,
    unsigned int allowed, void *payload)
{
	struct po_remote *r = payload;
	const char *token = getenv("PO_GIT_TOKEN");
	const char *user = getenv("PO_GIT_USER");

	if (++r->ncredential_calls > MAX_CREDENTIAL_CALLS)
		return GIT_EAUTH;
	if ((allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) && token != NULL &&
	    *token != '\0')
		return git_credential_userpass_plaintext_new(out,
		    user ? user : user_from_url ? user_from_url :
		    "x-access-token", token);
	if (allowed & GIT_CREDENTIAL_SSH_KEY)
		return git_credential_ssh_key_from_agent(out,
		    user_from_url ? user_from_url : "git");
	return GIT_PASSTHROUGH;
}

void
po_remote_callbacks(git_remote_callbacks *cb, struct po_remote *r)
{
	git_remote_init_callbacks(cb, GIT_REMOTE_CALLBACKS_VERSION);
	cb->credentials = credentials;
	cb->payload = r;
}

int
po_remote_fetch_ref(git_oid *out, struct po_remote *r, git_repository *repo,
    const char *ref)
{
	git_fetch_options opts;
	struct po_stage stage = { 0 };
	git_remote *remote = NULL;
	const git_remote_head **heads;
	char *specs[1] = { (char *)ref };
	git_strarray refspecs = { specs, 1 };
	size_t nheads;
	int found = 0;
	int ret = -1;

	git_fetch_options_init(&opts, GIT_FETCH_OPTIONS_VERSION);
	po_remote_callbacks(&opts.callbacks, r);
	opts.custom_headers = r->headers;
	opts.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	if (po_stage_open(&stage, repo, ref) < 0)
		goto out;
	if (git_remote_create_anonymous(&remote, stage.repo,
	    git_remote_url(r->remote)) < 0 ||
	    git_remote_connect(remote, GIT_DIRECTION_FETCH, &opts.callbacks,
	    &opts.proxy_opts, &opts.custom_headers) < 0 ||
	    git_remote_ls(&heads, &nheads, remote) < 0) {
		po_baseline_git_error("'%s': cannot reach the remote",
		    r->shown);
		goto out;
	}
	for (size_t i = 0; i < nheads && !found; i++)
		if (strcmp(heads[i]->name, ref) == 0) {
			git_oid_cpy(out, &heads[i]->oid);
			found = 1;
		}
	if (found && (git_remote_download(remote, &refspecs, &opts) < 0)) {
		po_baseline_git_error("'%s': cannot fetch '%s'", r->shown, ref);
		goto out;
	}
	if (found && po_stage_commit(&stage, repo, out) < 0)
		goto out;
	ret = found;
out:
	if (remote != NULL)
		git_remote_disconnect(remote);
	git_remote_free(remote);
	po_stage_close(&stage);
	return ret;
}

void
po_remote_close(struct po_remote *r)
{
	git_remote_free(r->remote);
	for (size_t i = 0; i < r->headers.count; i++)
		free(r->headers.strings[i]);
	free(r->headers.strings);
	free(r->shown);
	memset(r, 0, sizeof(*r));
}
