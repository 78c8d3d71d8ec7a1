#!/usr/bin/env python3
"""Checks the deploy/ files against the worker contract of docs/SCALE.md: each parses (YAML, JSON), runs
`imageprep normalize --manifest … --shard auto`, fails an index on exit 1 and retries on 75, and the
Containerfile installs every runtime package deploy/runtime-libs.txt names. Exits 1 naming what is wrong."""
import json
import os
import re
import sys

import yaml

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
problems = []


def read(path):
    with open(os.path.join(ROOT, path), encoding='utf-8') as f:
        return f.read()


def expect(condition, message):
    if not condition:
        problems.append(message)


def runs_a_shard(args, where):
    expect(args[:1] == ['normalize'] and '--manifest' in args and args[args.index('--shard') + 1] == 'auto'
           if '--shard' in args else False, f'{where}: expected `normalize --manifest … --shard auto`, got {args}')


job = yaml.safe_load(read('deploy/kubernetes/normalize-indexed-job.yaml'))
spec = job['spec']
expect(job['kind'] == 'Job' and spec['completionMode'] == 'Indexed', 'kubernetes: not an Indexed Job')
expect(spec.get('backoffLimitPerIndex', 0) > 0, 'kubernetes: no backoffLimitPerIndex')
container = spec['template']['spec']['containers'][0]
runs_a_shard(container['args'], 'kubernetes')
expect(any(e['name'] == 'IMAGEPREP_SHARDS' and int(e['value']) == spec['completions'] for e in container['env']),
       'kubernetes: IMAGEPREP_SHARDS must equal completions')
fail_index = [r for r in spec['podFailurePolicy']['rules'] if r['action'] == 'FailIndex']
expect(any(1 in r['onExitCodes']['values'] and 75 not in r['onExitCodes']['values'] for r in fail_index),
       'kubernetes: exit 1 must FailIndex and 75 must not')
expect(spec['template']['spec']['restartPolicy'] == 'Never', 'kubernetes: podFailurePolicy needs restartPolicy Never')

definition = json.loads(read('deploy/aws-batch/normalize-job-definition.json'))
runs_a_shard(definition['containerProperties']['command'], 'aws-batch')
actions = {r.get('onExitCode'): r['action'] for r in definition['retryStrategy']['evaluateOnExit'] if 'onExitCode' in r}
expect(actions.get('75') == 'RETRY' and actions.get('1') == 'EXIT', 'aws-batch: 75 must RETRY and 1 EXIT')

sbatch = read('deploy/slurm/normalize-array.sbatch')
expect(re.search(r'^#SBATCH --array=\d+-\d+', sbatch, re.M) is not None, 'slurm: no --array')
command = next((line.split() for line in sbatch.splitlines() if line.startswith('imageprep ')), [])
runs_a_shard(command[1:], 'slurm')
expect('-eq 75' in sbatch and 'requeue' in sbatch, 'slurm: exit 75 must requeue')

packages = {line.split()[1] for line in read('deploy/runtime-libs.txt').splitlines()
            if line.strip() and not line.startswith('#')}
containerfile = read('Containerfile')
missing = sorted(p for p in packages if not re.search(r'(?<![\w.+-])' + re.escape(p) + r'(?![\w.+-])', containerfile))
expect(not missing, f'Containerfile: runtime packages not installed: {missing}')
expect('FROM debian:12-slim' in containerfile, 'Containerfile: not Debian 12 slim')

for problem in problems:
    print('check-deploy: ' + problem, file=sys.stderr)
print(f'check-deploy: {"FAILED" if problems else "kubernetes, slurm, aws-batch and Containerfile follow the contract"}')
sys.exit(1 if problems else 0)
