import Foundation

/// SwiftRL's MJCF models of the MuJoCo tasks.
///
/// Written for SwiftRL with every attribute spelled out (no `<default>` classes, no visual assets), carrying the
/// physical parameters of Gymnasium v5's models: the same kinematic tree in the same order, geom shapes and sizes,
/// densities (masses and inertias come from the geoms), joint axes, ranges, damping, stiffness and armature,
/// friction, contact margins and solver parameters, actuator gears and control ranges, integrator and timestep.
/// `MuJoCoModelTests` and the Python check in `Scripts/fixtures/gymnasium_mujoco.py` compare the compiled models
/// field by field with Gymnasium's.
enum MuJoCoModels {
    /// A cart on a 2 m rail (slider limited to ±1 m, motor gear 100, control ±3) carrying a 0.6 m capsule pole on a
    /// hinge (±90°); no collisions; RK4 at 0.02 s.
    static let invertedPendulum = """
        <mujoco model="swiftrl-inverted-pendulum">
          <compiler angle="degree" inertiafromgeom="true"/>
          <option timestep="0.02" integrator="RK4" gravity="0 0 -9.81"/>
          <worldbody>
            <geom name="rail" type="capsule" size="0.02 1" pos="0 0 0" quat="0.707 0 0.707 0" contype="0"
                  friction="1 0.1 0.1"/>
            <body name="cart" pos="0 0 0">
              <joint name="slider" type="slide" axis="1 0 0" pos="0 0 0" limited="true" range="-1 1"
                     damping="1" armature="0"/>
              <geom name="cart" type="capsule" size="0.1 0.1" pos="0 0 0" quat="0.707 0 0.707 0" contype="0"
                    friction="1 0.1 0.1"/>
              <body name="pole" pos="0 0 0">
                <joint name="hinge" type="hinge" axis="0 1 0" pos="0 0 0" limited="true" range="-90 90"
                       damping="1" armature="0"/>
                <geom name="cpole" type="capsule" size="0.049 0.3" fromto="0 0 0 0.001 0 0.6" contype="0"
                      friction="1 0.1 0.1"/>
              </body>
            </body>
          </worldbody>
          <actuator>
            <motor name="slide" joint="slider" gear="100" ctrllimited="true" ctrlrange="-3 3"/>
          </actuator>
        </mujoco>
        """

    /// Planar hopper: torso, thigh, leg and foot capsules (density 1000) on x/z slides and a y hinge; hinges with
    /// damping 1 and armature 1; soft contacts (solref 0.02 1, solimp 0.8 0.8 0.01, margin 0.001, condim 1);
    /// motors with gear 200; RK4 at 0.002 s.
    static let hopper = """
        <mujoco model="swiftrl-hopper">
          <compiler angle="degree" inertiafromgeom="true"/>
          <option timestep="0.002" integrator="RK4"/>
          <worldbody>
            <geom name="floor" type="plane" size="20 20 0.125" pos="0 0 0" condim="3" contype="1" conaffinity="1"
                  margin="0.001" solref="0.02 1" solimp="0.8 0.8 0.01"/>
            <body name="torso" pos="0 0 1.25">
              <joint name="rootx" type="slide" axis="1 0 0" pos="0 0 -1.25" limited="false" damping="0"
                     armature="0" stiffness="0"/>
              <joint name="rootz" type="slide" axis="0 0 1" pos="0 0 -1.25" ref="1.25" limited="false" damping="0"
                     armature="0" stiffness="0"/>
              <joint name="rooty" type="hinge" axis="0 1 0" pos="0 0 0" limited="false" damping="0" armature="0"
                     stiffness="0"/>
              <geom name="torso_geom" type="capsule" size="0.05 0.19999999999999996" friction="0.9" condim="1"
                    contype="1" conaffinity="1" margin="0.001" solref="0.02 1" solimp="0.8 0.8 0.01"/>
              <body name="thigh" pos="0 0 -0.19999999999999996">
                <joint name="thigh_joint" type="hinge" axis="0 -1 0" pos="0 0 0" limited="true" range="-150 0"
                       damping="1" armature="1"/>
                <geom name="thigh_geom" type="capsule" size="0.05 0.22500000000000003" pos="0 0 -0.2250000000000001"
                      friction="0.9" condim="1" contype="1" conaffinity="1" margin="0.001" solref="0.02 1"
                      solimp="0.8 0.8 0.01"/>
                <body name="leg" pos="0 0 -0.7000000000000001">
                  <joint name="leg_joint" type="hinge" axis="0 -1 0" pos="0 0 0.25" limited="true" range="-150 0"
                         damping="1" armature="1"/>
                  <geom name="leg_geom" type="capsule" size="0.04 0.25" friction="0.9" condim="1" contype="1"
                        conaffinity="1" margin="0.001" solref="0.02 1" solimp="0.8 0.8 0.01"/>
                  <body name="foot" pos="0.13 0 -0.35">
                    <joint name="foot_joint" type="hinge" axis="0 -1 0" pos="-0.13 0 0.1" limited="true"
                           range="-45 45" damping="1" armature="1"/>
                    <geom name="foot_geom" type="capsule" size="0.06 0.195" pos="-0.065 0 0.1"
                          quat="0.7071067811865476 0 -0.7071067811865475 0" friction="2" condim="1" contype="1"
                          conaffinity="1" margin="0.001" solref="0.02 1" solimp="0.8 0.8 0.01"/>
                  </body>
                </body>
              </body>
            </body>
          </worldbody>
          <actuator>
            <motor joint="thigh_joint" gear="200" ctrllimited="true" ctrlrange="-1 1"/>
            <motor joint="leg_joint" gear="200" ctrllimited="true" ctrlrange="-1 1"/>
            <motor joint="foot_joint" gear="200" ctrllimited="true" ctrlrange="-1 1"/>
          </actuator>
        </mujoco>
        """

    /// Planar cheetah: torso and head plus two three-segment legs (capsules of radius 0.046, total mass 14 kg);
    /// hinges with stiffness, damping and armature 0.1; friction 0.4; motors with gears 120/90/60/120/60/30;
    /// semi-implicit Euler at 0.01 s.
    static let halfCheetah = """
        <mujoco model="swiftrl-half-cheetah">
          <compiler angle="radian" inertiafromgeom="true" settotalmass="14"/>
          <option timestep="0.01" gravity="0 0 -9.81"/>
          <worldbody>
            <geom name="floor" type="plane" size="40 40 40" pos="0 0 0" condim="3" contype="1" conaffinity="1"
                  friction="0.4 0.1 0.1" solref="0.02 1" solimp="0 0.8 0.01"/>
            <body name="torso" pos="0 0 0.7">
              <joint name="rootx" type="slide" axis="1 0 0" pos="0 0 0" limited="false" damping="0" armature="0"
                     stiffness="0" solreflimit="0.02 1" solimplimit="0 0.8 0.03"/>
              <joint name="rootz" type="slide" axis="0 0 1" pos="0 0 0" limited="false" damping="0" armature="0"
                     stiffness="0" solreflimit="0.02 1" solimplimit="0 0.8 0.03"/>
              <joint name="rooty" type="hinge" axis="0 1 0" pos="0 0 0" limited="false" damping="0" armature="0"
                     stiffness="0" solreflimit="0.02 1" solimplimit="0 0.8 0.03"/>
              <geom name="torso" type="capsule" size="0.046" fromto="-0.5 0 0 0.5 0 0" CHEETAH_GEOM/>
              <geom name="head" type="capsule" size="0.046 0.15" pos="0.6 0 0.1" axisangle="0 1 0 0.87" CHEETAH_GEOM/>
              <body name="bthigh" pos="-0.5 0 0">
                <joint name="bthigh" type="hinge" axis="0 1 0" pos="0 0 0" range="-0.52 1.05" stiffness="240"
                       damping="6" CHEETAH_JOINT/>
                <geom name="bthigh" type="capsule" size="0.046 0.145" pos="0.1 0 -0.13" axisangle="0 1 0 -3.8"
                      CHEETAH_GEOM/>
                <body name="bshin" pos="0.16 0 -0.25">
                  <joint name="bshin" type="hinge" axis="0 1 0" pos="0 0 0" range="-0.785 0.785" stiffness="180"
                         damping="4.5" CHEETAH_JOINT/>
                  <geom name="bshin" type="capsule" size="0.046 0.15" pos="-0.14 0 -0.07" axisangle="0 1 0 -2.03"
                        CHEETAH_GEOM/>
                  <body name="bfoot" pos="-0.28 0 -0.14">
                    <joint name="bfoot" type="hinge" axis="0 1 0" pos="0 0 0" range="-0.4 0.785" stiffness="120"
                           damping="3" CHEETAH_JOINT/>
                    <geom name="bfoot" type="capsule" size="0.046 0.094" pos="0.03 0 -0.097"
                          axisangle="0 1 0 -0.27" CHEETAH_GEOM/>
                  </body>
                </body>
              </body>
              <body name="fthigh" pos="0.5 0 0">
                <joint name="fthigh" type="hinge" axis="0 1 0" pos="0 0 0" range="-1 0.7" stiffness="180"
                       damping="4.5" CHEETAH_JOINT/>
                <geom name="fthigh" type="capsule" size="0.046 0.133" pos="-0.07 0 -0.12" axisangle="0 1 0 0.52"
                      CHEETAH_GEOM/>
                <body name="fshin" pos="-0.14 0 -0.24">
                  <joint name="fshin" type="hinge" axis="0 1 0" pos="0 0 0" range="-1.2 0.87" stiffness="120"
                         damping="3" CHEETAH_JOINT/>
                  <geom name="fshin" type="capsule" size="0.046 0.106" pos="0.065 0 -0.09" axisangle="0 1 0 -0.6"
                        CHEETAH_GEOM/>
                  <body name="ffoot" pos="0.13 0 -0.18">
                    <joint name="ffoot" type="hinge" axis="0 1 0" pos="0 0 0" range="-0.5 0.5" stiffness="60"
                           damping="1.5" CHEETAH_JOINT/>
                    <geom name="ffoot" type="capsule" size="0.046 0.07" pos="0.045 0 -0.07" axisangle="0 1 0 -0.6"
                          CHEETAH_GEOM/>
                  </body>
                </body>
              </body>
            </body>
          </worldbody>
          <actuator>
            <motor name="bthigh" joint="bthigh" gear="120" ctrllimited="true" ctrlrange="-1 1"/>
            <motor name="bshin" joint="bshin" gear="90" ctrllimited="true" ctrlrange="-1 1"/>
            <motor name="bfoot" joint="bfoot" gear="60" ctrllimited="true" ctrlrange="-1 1"/>
            <motor name="fthigh" joint="fthigh" gear="120" ctrllimited="true" ctrlrange="-1 1"/>
            <motor name="fshin" joint="fshin" gear="60" ctrllimited="true" ctrlrange="-1 1"/>
            <motor name="ffoot" joint="ffoot" gear="30" ctrllimited="true" ctrlrange="-1 1"/>
          </actuator>
        </mujoco>
        """
        .replacingOccurrences(
            of: "CHEETAH_GEOM",
            with: #"condim="3" contype="1" conaffinity="0" friction="0.4 0.1 0.1" solref="0.02 1" solimp="0 0.8 0.01""#)
        .replacingOccurrences(
            of: "CHEETAH_JOINT",
            with: #"limited="true" armature="0.1" solreflimit="0.02 1" solimplimit="0 0.8 0.03""#)

    /// Planar biped: torso and two three-segment legs (capsules, density 1000); hinges with damping 0.1 and
    /// armature 0.01; friction 0.9, feet 1.9 (the v5 model); motors with gear 100; RK4 at 0.002 s.
    static let walker2d: String = {
        func leg(_ suffix: String) -> String {
            """
                  <body name="thigh\(suffix)" pos="0 0 -0.19999999999999996">
                    <joint name="thigh\(suffix)_joint" type="hinge" axis="0 -1 0" pos="0 0 0" range="-150 0"
                          WALKER_JOINT/>
                    <geom name="thigh\(suffix)_geom" type="capsule" size="0.05 0.22500000000000003"
                          pos="0 0 -0.2250000000000001" friction="0.9 0.1 0.1" WALKER_GEOM/>
                    <body name="leg\(suffix)" pos="0 0 -0.7000000000000001">
                      <joint name="leg\(suffix)_joint" type="hinge" axis="0 -1 0" pos="0 0 0.25" range="-150 0"
                             WALKER_JOINT/>
                      <geom name="leg\(suffix)_geom" type="capsule" size="0.04 0.25" friction="0.9 0.1 0.1"
                            WALKER_GEOM/>
                      <body name="foot\(suffix)" pos="0.2 0 -0.35">
                        <joint name="foot\(suffix)_joint" type="hinge" axis="0 -1 0" pos="-0.2 0 0.1" range="-45 45"
                               WALKER_JOINT/>
                        <geom name="foot\(suffix)_geom" type="capsule" size="0.06 0.1" pos="-0.1 0 0.1"
                              quat="0.7071067811865476 0 -0.7071067811865475 0" friction="1.9 0.1 0.1" WALKER_GEOM/>
                      </body>
                    </body>
                  </body>
            """
        }
        let actuators = ["thigh", "leg", "foot", "thigh_left", "leg_left", "foot_left"].map {
            #"    <motor joint="\#($0)_joint" gear="100" ctrllimited="true" ctrlrange="-1 1"/>"#
        }
        return """
            <mujoco model="swiftrl-walker2d">
              <compiler angle="degree" inertiafromgeom="true"/>
              <option timestep="0.002" integrator="RK4"/>
              <worldbody>
                <geom name="floor" type="plane" size="40 40 40" pos="0 0 0" condim="3" contype="1" conaffinity="1"
                      friction="0.7 0.1 0.1"/>
                <body name="torso" pos="0 0 1.25">
                  <joint name="rootx" type="slide" axis="1 0 0" pos="0 0 -1.25" limited="false" damping="0"
                         armature="0" stiffness="0"/>
                  <joint name="rootz" type="slide" axis="0 0 1" pos="0 0 -1.25" ref="1.25" limited="false"
                         damping="0" armature="0" stiffness="0"/>
                  <joint name="rooty" type="hinge" axis="0 1 0" pos="0 0 0" limited="false" damping="0" armature="0"
                         stiffness="0"/>
                  <geom name="torso_geom" type="capsule" size="0.05 0.19999999999999996" friction="0.9 0.1 0.1"
                        WALKER_GEOM/>
            \(leg(""))\(leg("_left"))
                </body>
              </worldbody>
              <actuator>
            \(actuators.joined(separator: "\n"))
              </actuator>
            </mujoco>
            """
            .replacingOccurrences(of: "WALKER_GEOM", with: #"condim="3" contype="1" conaffinity="0" density="1000""#)
            .replacingOccurrences(of: "WALKER_JOINT", with: #"limited="true" damping="0.1" armature="0.01""#)
    }()

    /// Quadruped: a sphere torso (radius 0.25) on a free joint and four two-segment legs (capsules of radius 0.08,
    /// density 5); hinges with damping 1 and armature 1; friction 1 0.5 0.5, margin 0.01; motors with gear 150;
    /// RK4 at 0.01 s.
    static let ant: String = {
        // (body name, hip body name, direction x, direction y, ankle axis, ankle range)
        let legs: [(String, String, String, String, String, String)] = [
            ("front_left_leg", "aux_1", "", "", "-1 1 0", "30 70"),
            ("front_right_leg", "aux_2", "-", "", "1 1 0", "-70 -30"),
            ("back_leg", "aux_3", "-", "-", "-1 1 0", "-70 -30"),
            ("right_back_leg", "aux_4", "", "-", "1 1 0", "30 70"),
        ]
        let body = legs.enumerated().map { index, leg in
            let (name, hip, sx, sy, ankleAxis, ankleRange) = leg
            let number = index + 1
            return """
                      <body name="\(name)" pos="0 0 0">
                        <geom name="aux_\(number)_geom" type="capsule" size="0.08"
                              fromto="0 0 0 \(sx)0.2 \(sy)0.2 0" ANT_GEOM/>
                        <body name="\(hip)" pos="\(sx)0.2 \(sy)0.2 0">
                          <joint name="hip_\(number)" type="hinge" axis="0 0 1" pos="0 0 0" range="-30 30" ANT_JOINT/>
                          <geom name="leg_\(number)_geom" type="capsule" size="0.08" fromto="0 0 0 \(sx)0.2 \(sy)0.2 0"
                                ANT_GEOM/>
                          <body pos="\(sx)0.2 \(sy)0.2 0">
                            <joint name="ankle_\(number)" type="hinge" axis="\(ankleAxis)" pos="0 0 0"
                                  range="\(ankleRange)"
                                   ANT_JOINT/>
                            <geom name="ankle_\(number)_geom" type="capsule" size="0.08"
                                  fromto="0 0 0 \(sx)0.4 \(sy)0.4 0"
                                  ANT_GEOM/>
                          </body>
                        </body>
                      </body>
                """
        }.joined(separator: "\n")
        let actuators = ["hip_4", "ankle_4", "hip_1", "ankle_1", "hip_2", "ankle_2", "hip_3", "ankle_3"].map {
            #"    <motor joint="\#($0)" gear="150" ctrllimited="true" ctrlrange="-1 1"/>"#
        }
        return """
            <mujoco model="swiftrl-ant">
              <compiler angle="degree" inertiafromgeom="true"/>
              <option timestep="0.01" integrator="RK4"/>
              <worldbody>
                <geom name="floor" type="plane" size="40 40 40" pos="0 0 0" condim="3" contype="1" conaffinity="1"
                      friction="1 0.5 0.5" margin="0.01" density="5"/>
                <body name="torso" pos="0 0 0.75">
                  <geom name="torso_geom" type="sphere" size="0.25" pos="0 0 0" ANT_GEOM/>
                  <joint name="root" type="free" pos="0 0 0" limited="false" damping="0" armature="0" margin="0.01"/>
            \(body)
                </body>
              </worldbody>
              <actuator>
            \(actuators.joined(separator: "\n"))
              </actuator>
            </mujoco>
            """
            .replacingOccurrences(
                of: "ANT_GEOM",
                with: #"condim="3" contype="1" conaffinity="0" friction="1 0.5 0.5" margin="0.01" density="5""#)
            .replacingOccurrences(of: "ANT_JOINT", with: #"limited="true" damping="1" armature="1""#)
    }()
}
