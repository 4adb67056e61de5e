<?cs # header.cs — the top of every page: document head, site banner and navigation. ?><!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><?cs if:Page.Title ?><?cs var:Page.Title ?> · <?cs /if ?><?cs var:Site.Name ?></title>
<link rel="stylesheet" href="/static/style.css">
</head>
<body>
<?cs if:Site.Demo == 1 ?><p class="demo">演示环境：本站所有儿童信息均为虚构，不代表真实儿童。</p><?cs /if ?>
<header class="top">
<a class="brand" href="<?cs if:Page.Admin ?>/admin<?cs else ?>/<?cs /if ?>"><?cs var:Site.Name ?><small><?cs if:Page.Admin ?>工作平台<?cs else ?><?cs var:Site.Tagline ?><?cs /if ?></small></a>
<?cs if:Page.Admin ?><nav>
<?cs if:Who.name ?><a href="/admin"<?cs if:Page.Nav == "home" ?> aria-current="page"<?cs /if ?>>工作台</a>
<?cs if:Who.role != "volunteer" ?><a href="/admin/pairings"<?cs if:Page.Nav == "pairings" ?> aria-current="page"<?cs /if ?>>结对审核</a>
<a href="/admin/refunds"<?cs if:Page.Nav == "refunds" ?> aria-current="page"<?cs /if ?>>待退款</a>
<a href="/admin/children"<?cs if:Page.Nav == "children" ?> aria-current="page"<?cs /if ?>>儿童档案</a>
<a href="/admin/import"<?cs if:Page.Nav == "import" ?> aria-current="page"<?cs /if ?>>导入台账</a><?cs /if ?>
<?cs if:Who.role == "province" ?><a href="/admin/staff"<?cs if:Page.Nav == "staff" ?> aria-current="page"<?cs /if ?>>账号</a>
<a href="/admin/units"<?cs if:Page.Nav == "units" ?> aria-current="page"<?cs /if ?>>会员单位</a>
<a href="/admin/audit"<?cs if:Page.Nav == "audit" ?> aria-current="page"<?cs /if ?>>审计日志</a><?cs /if ?>
<span class="who"><?cs var:Who.name ?> · <?cs var:Who.role_label ?> · <?cs var:Who.region_name ?></span>
<form method="post" action="/admin/logout" class="inline"><input type="hidden" name="csrf" value="<?cs var:Csrf ?>"><button type="submit" class="link">退出</button></form><?cs /if ?>
</nav><?cs else ?><nav>
<a href="/"<?cs if:Page.Nav == "home" ?> aria-current="page"<?cs /if ?>>项目介绍</a>
<a href="/children"<?cs if:Page.Nav == "children" ?> aria-current="page"<?cs /if ?>>选择孩子</a>
<a href="/donate"<?cs if:Page.Nav == "donate" ?> aria-current="page"<?cs /if ?>>我要捐赠</a>
<a href="/donations"<?cs if:Page.Nav == "donations" ?> aria-current="page"<?cs /if ?>>捐赠查询</a>
<a href="/me"<?cs if:Page.Nav == "me" ?> aria-current="page"<?cs /if ?>>我的账户</a>
</nav><?cs /if ?>
</header>
<main>
