; Inno Setup 6 script: a per-user install that needs no administrator.
; Built by installer\build.ps1 after PyInstaller made dist\ITPlanMonitor.
#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif

[Setup]
AppId={{6B8F3C2E-4F7A-4C1B-9E5D-2A7C1D0E9F31}
AppName=IT Plan Monitor
AppVerName=IT Plan Monitor {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=IT Plan Monitor
DefaultDirName={localappdata}\Programs\ITPlanMonitor
DefaultGroupName=IT Plan Monitor
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
OutputDir=..\dist
OutputBaseFilename=ITPlanMonitor-{#AppVersion}-setup
SetupIconFile=..\resources\icons\itplan.ico
UninstallDisplayIcon={app}\ITPlanMonitor.exe
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ArchitecturesInstallIn64BitMode=x64compatible

[Languages]
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
vi.DesktopIcon=Tạo biểu tượng trên màn hình
en.DesktopIcon=Create a desktop shortcut
vi.RemoveData=Xóa cả dữ liệu (cơ sở dữ liệu, bản sao lưu) của chương trình?
en.RemoveData=Also delete the program's data (database, backups)?

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"

[Files]
Source: "..\dist\ITPlanMonitor\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\IT Plan Monitor"; Filename: "{app}\ITPlanMonitor.exe"
Name: "{userdesktop}\IT Plan Monitor"; Filename: "{app}\ITPlanMonitor.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\ITPlanMonitor.exe"; Flags: nowait postinstall skipifsilent

[Code]
// The user's data lives in %LOCALAPPDATA%\ITPlanMonitor (platformdirs): kept on
// uninstall unless the user asks for it to go.
procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  if (CurUninstallStep = usPostUninstall) and
     (MsgBox(CustomMessage('RemoveData'), mbConfirmation, MB_YESNO or MB_DEFAULTBUTTON2) = IDYES) then
    DelTree(ExpandConstant('{localappdata}\ITPlanMonitor'), True, True, True);
end;
