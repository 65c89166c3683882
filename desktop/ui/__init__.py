"""The Qt user interface: thin widgets and Qt models over plain rows."""
