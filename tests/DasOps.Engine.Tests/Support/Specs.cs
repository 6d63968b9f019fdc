namespace DasOps.Engine.Tests.Support;

/// <summary>Spec texts for the two seed patterns, as an operator would write them.</summary>
public static class Specs
{
    public const string MinimumHa = @"name: isa
product: IsAnalytics
pattern: MinimumHa
defaults:
  home: /srv/das
  sshUser: root
database:
  host: 10.77.0.10
  port: 3306
  user: wso2das
spark:
  masterCount: 2
  symlink: /srv/das-link
cep:
  persistence: false
depSync:
  svnUrl: http://svn.example.com/repos/das
  user: svnuser
  committer: node1
nodes:
  - name: node1
    host: 10.77.0.11
  - name: node2
    host: 10.77.0.12
    sparkLocalIp: 10.77.0.12
";

    public const string FullyDistributed = @"name: das-prod
product: Das
pattern: FullyDistributed
defaults:
  home: /srv/das
database:
  host: 10.77.0.10
  user: wso2das
  names:
    userDb: das_user
spark:
  masterCount: 2
  symlink: /srv/das-link
cep:
  persistence: true
depSync:
  svnUrl: https://svn.example.com/repos/das
  user: svnuser
  committer: rcv1
nodes:
  - { name: rcv1, host: 10.77.0.11, roles: [Receiver] }
  - { name: rcv2, host: 10.77.0.12, roles: [Receiver] }
  - { name: idx1, host: 10.77.0.13, roles: [Indexer] }
  - { name: idx2, host: 10.77.0.14, roles: [Indexer] }
  - { name: ana1, host: 10.77.0.15, roles: [Analyzer], redHat: true }
  - { name: ana2, host: 10.77.0.16, roles: [Analyzer] }
  - { name: dsh1, host: 10.77.0.17, roles: [Dashboard] }
  - { name: dsh2, host: 10.77.0.18, roles: [Dashboard] }
";
}
