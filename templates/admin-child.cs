<?cs # admin-child.cs — GET/POST /admin/children/{code}: a child's record with personal data; the
  conflict page too; and, with New set, the empty form of GET /admin/children/new.
  needs: New Child.code Child.alias Child.version Conflict Mine.alias Child.gender Mine.gender
    Child.birth_date Mine.birth_date Child.county Mine.county Child.category Mine.category
    Child.story Mine.story Child.real_name Mine.real_name Child.id_number Mine.id_number
    Child.guardian Mine.guardian Child.address Mine.address Child.school Mine.school
    Child.consent_photo Counties
    Categories.*.code Categories.*.label Child.consent Volunteers.*.username Volunteers.*.has
    Volunteers.*.display_name Child.status Child.exited_at ExitReasons.*.code ExitReasons.*.label
    Bank.holder Bank.bank Bank.mask Bank.may_set
?><?cs include:"header.cs" ?><?cs include:"macros.cs" ?><?cs include:"fields.cs" ?><?cs with:ch = Child ?>
<?cs if:New ?>
<p class="crumb"><a href="/admin/children">儿童档案</a> › 登记</p>
<h1>登记新的孩子</h1>
<p class="note">身份证号会核对校验位和出生日期。登记后孩子处于“等待结对”状态，但在记录监护人同意之前不会出现在公开页面。</p>
<?cs else ?>
<p class="crumb"><a href="/admin/children">儿童档案</a> › <?cs var:ch.code ?></p>
<h1><?cs var:ch.alias ?> <small><?cs var:ch.code ?> · 第 <?cs var:ch.version ?> 版</small></h1>
<p class="note">本页含有孩子的个人信息。每次查看都会记录在审计日志中。请勿截图或外传。</p>
<?cs /if ?>
<?cs call:error_summary() ?>
<?cs if:Conflict ?>
<p class="problem" role="alert">在您编辑期间，别人已经保存了这份档案。您的修改还没有保存：请对照下面两栏，把要保留的内容填进表单后再保存。</p>
<table class="fields"><thead><tr><th scope="col">项目</th><th scope="col">现在保存的内容（别人改过）</th><th scope="col">您提交的内容</th></tr></thead><?cs #
?><tbody>
<tr><th scope="row">化名</th><td><?cs var:ch.alias ?></td><td><?cs var:Mine.alias ?></td></tr>
<tr><th scope="row">性别</th><td><?cs var:ch.gender ?></td><td><?cs var:Mine.gender ?></td></tr>
<tr><th scope="row">出生日期</th><td><?cs var:ch.birth_date ?></td><td><?cs var:Mine.birth_date ?></td></tr>
<tr><th scope="row">区县</th><td><?cs var:ch.county ?></td><td><?cs var:Mine.county ?></td></tr>
<tr><th scope="row">困境类别</th><td><?cs var:ch.category ?></td><td><?cs var:Mine.category ?></td></tr>
<tr><th scope="row">故事</th><td><?cs var:ch.story ?></td><td><?cs var:Mine.story ?></td></tr>
<tr><th scope="row">真实姓名</th><td><?cs var:ch.real_name ?></td><td><?cs var:Mine.real_name ?></td></tr>
<tr><th scope="row">身份证号</th><td><?cs var:ch.id_number ?></td><td><?cs var:Mine.id_number ?></td></tr>
<tr><th scope="row">监护人</th><td><?cs var:ch.guardian ?></td><td><?cs var:Mine.guardian ?></td></tr>
<tr><th scope="row">家庭住址</th><td><?cs var:ch.address ?></td><td><?cs var:Mine.address ?></td></tr>
<tr><th scope="row">学校</th><td><?cs var:ch.school ?></td><td><?cs var:Mine.school ?></td></tr>
</tbody></table>
<?cs /if ?>
<?cs if:New ?><form method="post" action="/admin/children" class="stack cols">
<?cs call:csrf() ?>
<?cs else ?><form method="post" action="/admin/children/<?cs var:ch.code ?>" class="stack cols">
<?cs call:csrf() ?><input type="hidden" name="version" value="<?cs var:ch.version ?>">
<?cs /if ?>
<label>化名 <input type="text"<?cs call:field("alias") ?> required maxlength="32" value="<?cs if:Conflict ?><?cs
  var:Mine.alias ?><?cs else ?><?cs var:ch.alias ?><?cs /if ?>"><?cs call:field_error("alias") ?></label>
<label>性别 <select<?cs call:field("gender") ?>><option value="m"<?cs if:ch.gender == "m" ?> selected<?cs
  /if ?>>男</option><option value="f"<?cs if:ch.gender == "f" ?> selected<?cs
  /if ?>>女</option></select><?cs call:field_error("gender") ?></label>
<label>出生日期 <input type="text"<?cs call:field("birth_date") ?> required maxlength="10" placeholder="YYYY-MM-DD" value="<?cs
  if:Conflict ?><?cs var:Mine.birth_date ?><?cs else ?><?cs var:ch.birth_date ?><?cs
  /if ?>"><?cs call:field_error("birth_date") ?></label>
<label>区县 <select<?cs call:field("county") ?>><?cs uvar:Counties ?></select><?cs call:field_error("county") ?></label>
<label>困境类别 <select<?cs call:field("category") ?>><?cs each:k = Categories ?><option value="<?cs
  var:k.code ?>"<?cs if:ch.category == k.code ?> selected<?cs /if ?>><?cs
  var:k.label ?></option><?cs /each ?></select><?cs call:field_error("category") ?></label>
<label>故事（公开，最多 500 字） <textarea<?cs call:field("story") ?> maxlength="500" rows="4"><?cs if:Conflict ?><?cs
  var:Mine.story ?><?cs else ?><?cs var:ch.story ?><?cs /if ?></textarea><?cs call:field_error("story") ?></label>
<fieldset><legend>个人信息（不公开）</legend>
<label>真实姓名 <input type="text"<?cs call:field("real_name") ?> required maxlength="32" value="<?cs if:Conflict ?><?cs
  var:Mine.real_name ?><?cs else ?><?cs var:ch.real_name ?><?cs /if ?>"><?cs call:field_error("real_name") ?></label>
<label>身份证号 <input type="text"<?cs call:field("id_number") ?> required maxlength="18" value="<?cs if:Conflict ?><?cs
  var:Mine.id_number ?><?cs else ?><?cs var:ch.id_number ?><?cs /if ?>"><?cs call:field_error("id_number") ?></label>
<label>监护人及联系方式 <input type="text"<?cs call:field("guardian") ?> required maxlength="100" value="<?cs if:Conflict ?><?cs
  var:Mine.guardian ?><?cs else ?><?cs var:ch.guardian ?><?cs /if ?>"><?cs call:field_error("guardian") ?></label>
<label>家庭住址 <input type="text"<?cs call:field("address") ?> maxlength="100" value="<?cs if:Conflict ?><?cs
  var:Mine.address ?><?cs else ?><?cs var:ch.address ?><?cs /if ?>"><?cs call:field_error("address") ?></label>
<label>学校 <input type="text"<?cs call:field("school") ?> maxlength="100" value="<?cs if:Conflict ?><?cs
  var:Mine.school ?><?cs else ?><?cs var:ch.school ?><?cs /if ?>"><?cs call:field_error("school") ?></label>
<p class="note">学校和住址不会出现在给爱心人士的探访小结和书信里：审核时系统会查找并标出。</p>
</fieldset>
<button type="submit"><?cs if:New ?>登记<?cs else ?>保存<?cs /if ?></button>
</form>
<?cs if:!New ?>
<h2>监护人同意公开</h2>
<p>现在：<?cs if:ch.consent == 1 ?>同意公开孩子的介绍<?cs else ?>不公开<?cs /if ?></p>
<form method="post" action="/admin/children/<?cs var:ch.code ?>/consent" class="stack cols">
<?cs call:csrf() ?>
<label class="tick"><input type="radio" name="publish" value="1"> 同意公开</label>
<label class="tick"><input type="radio" name="publish" value="0"> 不同意 / 撤回同意（立即从公开页面移除）</label>
<label>同意人（监护人） <input type="text"<?cs if:Invalid.Typed.scope != "photo" ?><?cs call:field("given_by") ?><?cs else ?> name="given_by"<?cs /if ?> required maxlength="32"><?cs if:Invalid.Typed.scope != "photo" ?><?cs call:field_error("given_by") ?><?cs /if ?></label>
<label>日期 <input type="text"<?cs if:Invalid.Typed.scope != "photo" ?><?cs call:field("given_on") ?><?cs else ?> name="given_on"<?cs /if ?> required maxlength="10" placeholder="YYYY-MM-DD"><?cs if:Invalid.Typed.scope != "photo" ?><?cs call:field_error("given_on") ?><?cs /if ?></label>
<button type="submit">记录</button>
</form>
<h2>监护人同意拍照</h2>
<p>现在：<?cs if:ch.consent_photo == 1 ?>同意在探访和回信中拍照（照片须看不清面部，且不能有孩子手持钱款）<?cs
  else ?>不同意拍照：不能上传这个孩子的照片<?cs /if ?></p>
<p class="note">拍照同意与公开同意分开记录。撤回后立即不能再上传，这个孩子已经上传的照片也会全部删除（没有同意就不保留照片）。</p>
<form method="post" action="/admin/children/<?cs var:ch.code ?>/consent" class="stack cols">
<?cs call:csrf() ?><input type="hidden" name="scope" value="photo">
<label class="tick"><input type="radio" name="publish" value="1"> 同意拍照</label>
<label class="tick"><input type="radio" name="publish" value="0"> 不同意 / 撤回同意（立即删除这个孩子的全部照片）</label>
<label>同意人（监护人） <input type="text"<?cs if:Invalid.Typed.scope == "photo" ?><?cs call:field("given_by") ?><?cs else ?> name="given_by"<?cs /if ?> required maxlength="32"><?cs if:Invalid.Typed.scope == "photo" ?><?cs call:field_error("given_by") ?><?cs /if ?></label>
<label>日期 <input type="text"<?cs if:Invalid.Typed.scope == "photo" ?><?cs call:field("given_on") ?><?cs else ?> name="given_on"<?cs /if ?> required maxlength="10" placeholder="YYYY-MM-DD"><?cs if:Invalid.Typed.scope == "photo" ?><?cs call:field_error("given_on") ?><?cs /if ?></label>
<button type="submit">记录</button>
</form>
<h2>志愿者探访</h2>
<?cs if:subcount(Volunteers) == 0 ?><p class="note">这个区县还没有志愿者账号。</p><?cs /if ?>
<div class="cols"><?cs each:v = Volunteers ?><form method="post" action="/admin/children/<?cs
  var:ch.code ?>/volunteer"><?cs
  call:csrf() ?><input type="hidden" name="staff" value="<?cs var:v.username ?>"><?cs
  if:v.has == 1 ?><input type="hidden" name="active" value="0"><?cs
  var:v.display_name ?>（已分配） <button type="submit" class="link">取消分配</button><?cs
  else ?><input type="hidden" name="active" value="1"><?cs
  var:v.display_name ?> <button type="submit" class="link">分配</button><?cs /if ?></form><?cs
  /each ?></div>
<h2 id="bank">善款发放</h2>
<dl class="fields"><dt>监护人银行账户</dt><dd><?cs if:Bank.mask ?><?cs var:Bank.holder ?> · <?cs
  var:Bank.bank ?> · <?cs var:Bank.mask ?><?cs else ?>未登记<?cs /if ?></dd></dl>
<p><a href="/admin/payouts?county=<?cs var:ch.county ?>">发放记录</a><?cs if:Bank.may_set ?> · <a href="/admin/payouts/new?child=<?cs
  var:ch.code ?>">为这个孩子新建发放</a><?cs /if ?></p>
<?cs if:Bank.may_set ?><form method="post" action="/admin/children/<?cs
  var:ch.code ?>/bank" class="stack cols"><?cs call:csrf() ?>
<p class="note">银行代发需要监护人的银行账户。账号加密保存，页面上只显示前四位和后四位。</p>
<label>户名（监护人） <input type="text"<?cs call:field("bank_holder") ?> required maxlength="32"<?cs #
  ?> autocomplete="off"><?cs call:field_error("bank_holder") ?></label>
<label>银行账号 <input type="text"<?cs call:field("bank_no") ?> required maxlength="40" inputmode="numeric"<?cs #
  ?> autocomplete="off"><?cs call:field_error("bank_no") ?></label>
<label>开户行 <input type="text"<?cs call:field("bank_name") ?> required maxlength="32"<?cs
  call:typed("bank_name") ?>><?cs call:field_error("bank_name") ?></label>
<button type="submit"><?cs if:Bank.mask ?>更换账户<?cs else ?>登记账户<?cs /if ?></button>
</form><?cs /if ?>
<h2>退出项目</h2>
<?cs if:ch.status == "exited" ?><p>已于 <?cs var:ch.exited_at ?> 退出项目。</p><?cs else ?>
<p class="note">孩子退出后不再出现在公开页面。如有结对中的爱心人士，结对会结束，系统会通知对方并推荐一个同样在等待的孩子。</p>
<form method="post" action="/admin/children/<?cs var:ch.code ?>/exit" class="stack cols">
<?cs call:csrf() ?>
<label>原因 <select<?cs call:field("exit_reason") ?>><?cs each:r = ExitReasons ?><option value="<?cs var:r.code ?>"><?cs var:r.label ?></option><?cs /each ?></select><?cs call:field_error("exit_reason") ?></label>
<label>说明（选“其他”时必填，最多 150 字） <input type="text"<?cs call:field("note") ?> maxlength="150"<?cs call:typed("note") ?>><?cs call:field_error("note") ?></label>
<button type="submit">办理退出</button>
</form><?cs /if ?>
<?cs /if ?>
<?cs /with ?><?cs include:"footer.cs" ?>
