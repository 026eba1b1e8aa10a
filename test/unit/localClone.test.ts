import * as assert from 'node:assert/strict';
import { packedRef, parseGitFile, parseHead, parseRemoteUrl, refIsCheckedOut, remoteUrls } from '../../src/core/git/localClone';

describe('local clone: which repository a workspace folder is, and what it has checked out', () => {
  it('reads https, ssh and scp-like remote URLs, with or without .git', () => {
    const expected = { host: 'github.com', owner: 'northwind-example', repo: 'handbook' };
    for (const url of ['https://github.com/northwind-example/handbook.git', 'https://github.com/northwind-example/handbook', 'https://user@github.com/northwind-example/handbook/', 'git@github.com:northwind-example/handbook.git', 'git@github.com:northwind-example/handbook', 'ssh://git@github.com/northwind-example/handbook.git', 'ssh://git@GitHub.com:22/northwind-example/handbook']) {
      assert.deepEqual(parseRemoteUrl(url), expected, url);
    }
    assert.deepEqual(parseRemoteUrl('https://ghe.example.com/team/handbook.git'), { host: 'ghe.example.com', owner: 'team', repo: 'handbook' });
    assert.equal(parseRemoteUrl('https://github.com/northwind-example'), undefined);
    assert.equal(parseRemoteUrl('https://github.com/a/b/tree/main'), undefined);
    assert.equal(parseRemoteUrl('/srv/git/handbook.git'), undefined);
  });

  it('lists the URLs of every remote section, and nothing from other sections', () => {
    const config = '[core]\n\turl = https://example.com/not/a-remote\n[remote "origin"]\n\turl = git@github.com:a/b.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n[branch "main"]\n\tremote = origin\n[remote "upstream"]\n  url = "https://github.com/c/d"\n';
    assert.deepEqual(remoteUrls(config), ['git@github.com:a/b.git', 'https://github.com/c/d']);
  });

  it('reads HEAD, a worktree .git file and packed refs', () => {
    assert.deepEqual(parseHead('ref: refs/heads/release/2.1\n'), { branch: 'release/2.1' });
    assert.deepEqual(parseHead('0123456789abcdef0123456789ABCDEF01234567\n'), { commit: '0123456789abcdef0123456789abcdef01234567' });
    assert.equal(parseHead('garbage'), undefined);
    assert.equal(parseGitFile('gitdir: /repo/.git/worktrees/fix\n'), '/repo/.git/worktrees/fix');
    const sha = 'a'.repeat(40);
    assert.equal(packedRef(`# pack-refs with: peeled\n${sha} refs/heads/main\n^${'b'.repeat(40)}\n`, 'refs/heads/main'), sha);
    assert.equal(packedRef(`${sha} refs/heads/main\n`, 'refs/heads/other'), undefined);
  });

  it('matches a link ref against the checked-out branch or commit only', () => {
    const sha = '0123456789abcdef0123456789abcdef01234567';
    assert.equal(refIsCheckedOut('main', { branch: 'main' }, sha), true);
    assert.equal(refIsCheckedOut('refs/heads/main', { branch: 'main' }, sha), true);
    assert.equal(refIsCheckedOut('0123456', { branch: 'main' }, sha), true);
    assert.equal(refIsCheckedOut(sha, { commit: sha }, undefined), true);
    assert.equal(refIsCheckedOut('develop', { branch: 'main' }, sha), false);
    assert.equal(refIsCheckedOut('012345', { branch: 'main' }, sha), false, 'too short to be a commit');
    assert.equal(refIsCheckedOut('fedcba9', { commit: sha }, undefined), false);
  });
});
